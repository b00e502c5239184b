using System.Globalization;
using ContractTracker.Benchmarks.Generator.Reference;

namespace ContractTracker.Benchmarks.Generator;

/// <summary>
/// Makes awards one at a time, each with its whole life of transactions: a base action, then modifications that fund
/// it, exercise options, add or remove scope, de-obligate and close it out. Orders are placed under IDVs made earlier
/// (or under GSA schedules that are not in the data set, as in a real agency file).
/// </summary>
internal sealed class AwardFactory
{
    private const double IdvShare = 0.08, OrderShare = 0.45, DefinitiveShare = 0.17, PurchaseOrderShare = 0.30;
    private const double IdvModifications = 3, PurchaseOrderTransactions = 1.4;

    private static readonly (string Code, string Name)[] Pricings =
    [
        ("J", "FIRM FIXED PRICE"), ("J", "FIRM FIXED PRICE"), ("J", "FIRM FIXED PRICE"), ("J", "FIRM FIXED PRICE"), ("J", "FIRM FIXED PRICE"),
        ("Y", "TIME AND MATERIALS"), ("Z", "LABOR HOURS"), ("U", "COST PLUS FIXED FEE"), ("R", "COST PLUS AWARD FEE"),
    ];

    private static readonly (string Code, string Name) OrderDependent =
        ("1", "ORDER DEPENDENT (IDV ALLOWS PRICING ARRANGEMENT TO BE DETERMINED SEPARATELY FOR EACH ORDER)");

    private static readonly Competition FullAndOpen = new("A", "FULL AND OPEN COMPETITION", "NP", "NEGOTIATED PROPOSAL/QUOTE",
        "NONE", "NO SET ASIDE USED.", null, null, null, null, "Y", "YES");
    private static readonly Competition SmallBusinessSetAside = new("D", "FULL AND OPEN COMPETITION AFTER EXCLUSION OF SOURCES", "NP",
        "NEGOTIATED PROPOSAL/QUOTE", "SBA", "SMALL BUSINESS SET ASIDE - TOTAL", null, null, null, null, "Y", "YES");
    private static readonly Competition EightASoleSource = new("C", "NOT COMPETED", "SSS", "ONLY ONE SOURCE", "8AN", "8(A) SOLE SOURCE",
        "SP2", "SAP NON-COMPETITION (FAR 13)", null, null, "N", "NO");
    private static readonly Competition OnlyOneSource = new("C", "NOT COMPETED", "SSS", "ONLY ONE SOURCE", "NONE", "NO SET ASIDE USED.",
        "ONE", "ONLY ONE SOURCE-OTHER (FAR 6.302-1 OTHER)", null, null, "N", "NO");
    private static readonly Competition Urgency = new("C", "NOT COMPETED", "SSS", "ONLY ONE SOURCE", "NONE", "NO SET ASIDE USED.",
        "URG", "URGENCY", null, null, "N", "NO");
    private static readonly Competition SimplifiedCompeted = new("F", "COMPETED UNDER SAP", "SP1", "SIMPLIFIED ACQUISITION",
        "NONE", "NO SET ASIDE USED.", null, null, null, null, "X", "NOT APPLICABLE");
    private static readonly Competition SimplifiedSmallBusiness = new("F", "COMPETED UNDER SAP", "SP1", "SIMPLIFIED ACQUISITION",
        "SBA", "SMALL BUSINESS SET ASIDE - TOTAL", null, null, null, null, "X", "NOT APPLICABLE");
    private static readonly Competition SimplifiedNotCompeted = new("G", "NOT COMPETED UNDER SAP", "SP1", "SIMPLIFIED ACQUISITION",
        "NONE", "NO SET ASIDE USED.", "SP2", "SAP NON-COMPETITION (FAR 13)", null, null, "X", "NOT APPLICABLE");
    private static readonly Competition FairOpportunity = new("A", "FULL AND OPEN COMPETITION", "MAFO", "SUBJECT TO MULTIPLE AWARD FAIR OPPORTUNITY",
        null, null, null, null, "FAIR", "FAIR OPPORTUNITY GIVEN", "Y", "YES");
    private static readonly Competition SingleAwardOrder = new("A", "FULL AND OPEN COMPETITION", "NP", "NEGOTIATED PROPOSAL/QUOTE",
        null, null, null, null, null, null, "X", "NOT APPLICABLE");

    private static readonly string[] AdministrativeChanges =
    [
        "ADMINISTRATIVE MODIFICATION TO UPDATE THE CONTRACTING OFFICER'S REPRESENTATIVE",
        "ADMINISTRATIVE CHANGE: UPDATE ACCOUNTING AND APPROPRIATION DATA",
        "INCORPORATE REVISED WAGE DETERMINATION, NO CHANGE IN PRICE",
        "UPDATE INVOICING INSTRUCTIONS, CLAUSES AND POINTS OF CONTACT",
    ];

    private static readonly int EightAParticipant = BusinessFlags.IndexOf("c8a_program_participant");

    private readonly Random _random;
    private readonly GenerationProfile _profile;
    private readonly VendorRoster _vendors;
    private readonly WeightedChoice<SubtierAgency> _awarding;
    private readonly double _contractModifications;
    private readonly Dictionary<string, List<OrderingVehicle>> _vehicles = [];
    private readonly List<OrderingVehicle> _schedules = [];
    private readonly Dictionary<(string Office, int Year, char Letter), int> _serials = [];
    private readonly DateTime _lastReport;
    private long _awardsMade, _transactionsMade;

    public AwardFactory(Random random, GenerationProfile profile, VendorRoster vendors)
    {
        _random = random;
        _profile = profile;
        _vendors = vendors;
        _awarding = new WeightedChoice<SubtierAgency>(profile.Awarding);
        _lastReport = profile.AsOf.ToDateTime(new TimeOnly(23, 59, 59));
        // Contracts and orders carry what the other kinds do not, so the profile's average per award holds overall.
        _contractModifications = Math.Max(0.5,
            (profile.TransactionsPerAward - IdvShare * (1 + IdvModifications) - PurchaseOrderShare * PurchaseOrderTransactions)
            / (OrderShare + DefinitiveShare) - 1);
        for (var i = 0; i < 24; i++)
        {
            var start = random.DayBetween(profile.FirstDay.AddYears(-8), profile.FirstDay.AddYears(2));
            var piid = $"47Q{random.Characters("ABCDEFGHJKLMNPQRSTUVWXYZ", 3)}{start.Year % 100:D2}D{random.Characters("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", 4)}";
            _schedules.Add(new OrderingVehicle(piid, "4732", "FEDERAL ACQUISITION SERVICE", IdvType.Schedule, true, null, null, start, start.AddYears(20)));
        }
    }

    /// <summary>The next award with at least one transaction in the profile's period.</summary>
    public Award Next()
    {
        while (true)
        {
            var roll = _random.NextDouble();
            var kind = roll < IdvShare ? AwardKind.Idv
                : roll < IdvShare + OrderShare ? AwardKind.Order
                : roll < IdvShare + OrderShare + DefinitiveShare ? AwardKind.DefinitiveContract
                : AwardKind.PurchaseOrder;
            var awarding = _awarding.Next(_random);
            var award = kind == AwardKind.Order ? NewOrder(awarding) : NewAward(kind, awarding);
            AddActions(award);
            if (award.Actions.Count > 0)
            {
                return award;
            }
        }
    }

    private Award NewAward(AwardKind kind, SubtierAgency awarding)
    {
        var vendor = kind == AwardKind.PurchaseOrder && _vendors.SoleProprietors.Count > 0 && _random.Chance(0.06)
            ? _random.Pick(_vendors.SoleProprietors)
            : PickVendor(awarding);
        var line = vendor.Specialty.BuyerSubtiers.Contains(awarding.Code) ? vendor.Specialty : _random.Pick(WorkLines.BoughtBy(awarding.Code));
        // Awards made before the period still have modifications inside it, as in any archive file.
        var start = _random.DayBetween(_profile.FirstDay.AddYears(kind == AwardKind.Idv ? -6 : -3), _profile.AsOf);
        var office = _random.Pick(awarding.Offices);
        var funding = KnownAgencies.FundingFor(awarding, _random);
        var idvType = kind == AwardKind.Idv ? _random.Pick([IdvType.Idc, IdvType.Idc, IdvType.Idc, IdvType.Bpa, IdvType.Bpa, IdvType.Boa]) : null;
        var letter = kind switch
        {
            AwardKind.Idv => idvType!.PiidLetter,
            AwardKind.PurchaseOrder => 'P',
            _ => 'C',
        };
        var (potentialEnd, orderingEnd) = kind switch
        {
            AwardKind.Idv => ((DateOnly?)null, (DateOnly?)start.AddYears(2 + _random.Next(9)).AddDays(-1)),
            AwardKind.PurchaseOrder => (start.AddMonths(1 + _random.Next(6)).AddDays(-1), null),
            _ => (PotentialEnd(start, line), null),
        };
        var competition = CompetitionFor(kind, vendor);
        var award = new Award
        {
            Kind = kind,
            Piid = NewPiid(office, awarding, start, letter),
            Awarding = awarding,
            Office = office,
            Funding = funding,
            FundingOffice = _random.Pick(funding.Offices),
            Vendor = vendor,
            NameSpelling = _random.Chance(0.7) ? 0 : _random.Next(vendor.ReportedNames.Count),
            IdvType = idvType,
            MultipleAward = kind == AwardKind.Idv && _random.Chance(0.6),
            Line = line,
            Performance = kind == AwardKind.Idv ? null : line.IsService ? _random.Pick(Places.All) : vendor.Place,
            Description = Describe(line, start, potentialEnd ?? orderingEnd!.Value),
            Pricing = kind == AwardKind.Idv && _random.Chance(0.4) ? OrderDependent : _random.Pick(Pricings),
            Competition = competition,
            SolicitationId = competition.ProcedureCode == "NP" && _random.Chance(0.6) ? NewPiid(office, awarding, start, 'R') : null,
            SolicitationDate = kind == AwardKind.PurchaseOrder && _random.Chance(0.5) ? null : start.AddDays(-_random.Next(5, 120)),
            Offers = competition.ExtentCode is "C" or "G" ? 1 : 1 + _random.Next(12),
            Start = start,
            PotentialEnd = potentialEnd,
            OrderingEnd = orderingEnd,
            HasAccounts = kind != AwardKind.Idv && _random.Chance(0.3),
        };

        if (kind == AwardKind.Idv)
        {
            if (!_vehicles.TryGetValue(awarding.Code, out var list))
            {
                _vehicles[awarding.Code] = list = [];
            }

            list.Add(new OrderingVehicle(award.Piid, awarding.Code, awarding.FpdsName, idvType!, award.MultipleAward, vendor, line, start,
                orderingEnd!.Value));
        }

        return award;
    }

    private Award NewOrder(SubtierAgency awarding)
    {
        var earliest = _profile.FirstDay.AddYears(-3);
        var vehicle = _vehicles.TryGetValue(awarding.Code, out var own) && own.Count > 0 && _random.Chance(0.85)
            ? own[_random.Next(own.Count)]
            : _random.Pick(_schedules);
        if (vehicle.OrderingEnd < earliest)
        {
            vehicle = _random.Pick(_schedules);
        }

        var vendor = vehicle.Vendor ?? PickVendor(awarding);
        var line = vehicle.Line ?? (vendor.Specialty.BuyerSubtiers.Contains(awarding.Code) ? vendor.Specialty : _random.Pick(WorkLines.BoughtBy(awarding.Code)));
        var first = vehicle.Start > earliest ? vehicle.Start : earliest;
        var last = vehicle.OrderingEnd < _profile.AsOf ? vehicle.OrderingEnd : _profile.AsOf;
        var start = _random.DayBetween(first, last < first ? first : last);
        var office = _random.Pick(awarding.Offices);
        var funding = KnownAgencies.FundingFor(awarding, _random);
        var potentialEnd = PotentialEnd(start, line);
        return new Award
        {
            Kind = AwardKind.Order,
            Piid = NewPiid(office, awarding, start, 'F'),
            Awarding = awarding,
            Office = office,
            Funding = funding,
            FundingOffice = _random.Pick(funding.Offices),
            Vendor = vendor,
            NameSpelling = _random.Chance(0.7) ? 0 : _random.Next(vendor.ReportedNames.Count),
            Vehicle = vehicle,
            VehicleModification = _random.Chance(0.7) ? "0" : $"P{1 + _random.Next(12):D5}",
            Line = line,
            Performance = line.IsService ? _random.Pick(Places.All) : vendor.Place,
            Description = Describe(line, start, potentialEnd),
            Pricing = _random.Pick(Pricings),
            Competition = vehicle.MultipleAward ? FairOpportunity : SingleAwardOrder,
            SolicitationDate = _random.Chance(0.5) ? start.AddDays(-_random.Next(5, 60)) : null,
            Offers = vehicle.MultipleAward ? 1 + _random.Next(6) : 1,
            Start = start,
            PotentialEnd = potentialEnd,
            HasAccounts = _random.Chance(0.3),
        };
    }

    private Vendor PickVendor(SubtierAgency awarding) =>
        _random.Chance(0.85) && _vendors.BySubtier.TryGetValue(awarding.Code, out var sellers) ? sellers.Next(_random) : _vendors.Everyone.Next(_random);

    /// <summary>Services run a base year and up to four option years; goods are delivered within months.</summary>
    private DateOnly PotentialEnd(DateOnly start, WorkLine line) =>
        line.IsService
            ? start.AddYears(1 + (_random.Chance(0.7) ? 1 + _random.Next(4) : 0)).AddDays(-1)
            : start.AddMonths(3 + _random.Next(16)).AddDays(-1);

    private Competition CompetitionFor(AwardKind kind, Vendor vendor)
    {
        var eightA = vendor.Flags[EightAParticipant] == "t";
        if (kind == AwardKind.PurchaseOrder)
        {
            return _random.NextDouble() switch
            {
                < 0.5 => SimplifiedCompeted,
                < 0.75 when vendor.IsSmall => SimplifiedSmallBusiness,
                _ => SimplifiedNotCompeted,
            };
        }

        return _random.NextDouble() switch
        {
            < 0.15 when eightA => EightASoleSource,
            < 0.45 when vendor.IsSmall => SmallBusinessSetAside,
            < 0.8 => FullAndOpen,
            < 0.97 => OnlyOneSource,
            _ => Urgency,
        };
    }

    private string WithLineBreak(DateOnly start, DateOnly end, string text) =>
        // A few descriptions carry a line break, as free text typed into FPDS does.
        _random.Chance(0.004)
            ? $"{text}\nPERIOD OF PERFORMANCE {start:yyyy-MM-dd} THROUGH {end:yyyy-MM-dd}"
            : text;

    private string Describe(WorkLine line, DateOnly start, DateOnly end)
    {
        var text = string.Format(CultureInfo.InvariantCulture, _random.Pick(line.Descriptions), _random.Pick(WorkLines.Regions));
        if (_random.Chance(0.3))
        {
            text += end.Year - start.Year > 1 ? $", BASE PERIOD AND {end.Year - start.Year - 1} OPTION PERIODS" : ", BASE PERIOD";
        }

        return WithLineBreak(start, end, text);
    }

    /// <summary>
    /// <c>{office}{fiscal year}{instrument letter}{serial}</c>: DHS PIIDs carry 8-digit serials (<c>70CDCR18D00000002</c>),
    /// DoD ones 4 (<c>W91CRB21C0012</c>). Serials grow per office, year and letter, so PIIDs never repeat within a data set.
    /// </summary>
    private string NewPiid(Office office, SubtierAgency awarding, DateOnly start, char letter)
    {
        var year = (start.Month >= 10 ? start.Year + 1 : start.Year) % 100;
        var key = (office.Code, year, letter);
        // Serials start at a random point so data sets made with other seeds or profiles rarely share a PIID.
        var serial = (_serials.TryGetValue(key, out var last) ? last : _random.Next(awarding.IsDefense ? 3_000 : 100_000)) + 1 + _random.Next(3);
        _serials[key] = serial;
        return awarding.IsDefense ? $"{office.Code}{year:D2}{letter}{serial:D4}" : $"{office.Code}{year:D2}{letter}{serial:D8}";
    }

    /// <summary>
    /// Spreads an award's modifications over its whole life and keeps the transactions inside the profile's period, so
    /// every year holds a similar share. Contracts and orders get more or fewer modifications while the data set is short
    /// of or ahead of the profile's average per award.
    /// </summary>
    private void AddActions(Award award)
    {
        var end = award.Kind == AwardKind.Idv ? award.OrderingEnd!.Value : award.PotentialEnd!.Value.AddDays(150);
        var life = Math.Max(1, end.DayNumber - award.Start.DayNumber);
        var behind = _profile.TransactionsPerAward * _awardsMade - _transactionsMade;
        var modifications = award.Kind switch
        {
            AwardKind.Idv => _random.Exponential(IdvModifications),
            AwardKind.PurchaseOrder => _random.Chance(0.2) ? 1 + _random.Next(3) : 0,
            _ => _random.Exponential(Math.Clamp(_contractModifications + behind / (50 * (OrderShare + DefinitiveShare)), 0.5, 4 * _contractModifications)),
        };
        var dates = Enumerable.Range(0, Math.Min(modifications, life / 2))
            .Select(_ => award.Start.DayNumber + 1 + _random.Next(life))
            .Where(day => day <= _profile.AsOf.DayNumber)
            .ToArray();
        Array.Sort(dates);
        if (award.Kind == AwardKind.Idv)
        {
            AddIdvActions(award, dates);
        }
        else
        {
            AddContractActions(award, dates);
        }

        long obligated = 0, current = 0, potential = 0;
        for (var i = 0; i < award.Actions.Count; i++)
        {
            var action = award.Actions[i];
            obligated += action.Obligation;
            current += action.ExercisedChange;
            potential += action.AllOptionsChange;
            award.Actions[i] = action with { TotalObligated = obligated, CurrentTotal = current, PotentialTotal = potential };
        }

        if (award.HasAccounts)
        {
            award.Outlays = (long)(obligated * _random.Between(0.3, 1.0));
        }

        award.Actions.RemoveAll(a => a.Date < _profile.FirstDay);
        if (award.Actions.Count > 0)
        {
            _awardsMade++;
            _transactionsMade += award.Actions.Count;
        }

        // Modification numbers do not always follow action dates (a later-numbered modification signed first).
        if (award.Actions.Count >= 4 && _random.Chance(0.05))
        {
            var i = 1 + _random.Next(award.Actions.Count - 2);
            var (a, b) = (award.Actions[i], award.Actions[i + 1]);
            award.Actions[i] = a with { Modification = b.Modification };
            award.Actions[i + 1] = b with { Modification = a.Modification };
        }
    }

    private void AddIdvActions(Award award, int[] dates)
    {
        var ceiling = _random.Dollars(1_000_000, 500_000_000);
        award.Actions.Add(Action(award, 0, award.Start, null, 0, 0, ceiling, award.Start, award.Description));
        for (var i = 0; i < dates.Length; i++)
        {
            var date = DateOnly.FromDayNumber(dates[i]);
            if (_random.Chance(0.2))
            {
                award.Actions.Add(Action(award, i + 1, date, "B", 0, 0, (long)(ceiling * _random.Between(0.1, 0.5)), award.Start,
                    "INCREASE CEILING OF THE VEHICLE"));
            }
            else
            {
                award.Actions.Add(Action(award, i + 1, date, "M", 0, 0, 0, award.Start, _random.Pick(AdministrativeChanges)));
            }
        }
    }

    private void AddContractActions(Award award, int[] dates)
    {
        var isPurchaseOrder = award.Kind == AwardKind.PurchaseOrder;
        var potentialEnd = award.PotentialEnd!.Value;
        var baseEnd = award.Line.IsService && !isPurchaseOrder ? Min(award.Start.AddYears(1).AddDays(-1), potentialEnd) : potentialEnd;
        var options = Math.Max(0, potentialEnd.Year - baseEnd.Year);
        var baseValue = isPurchaseOrder ? _random.Dollars(2_500, 250_000)
            : award.Kind == AwardKind.Order ? _random.Dollars(25_000, 15_000_000)
            : _random.Dollars(150_000, 40_000_000);
        var optionValue = (long)(baseValue * _random.Between(0.95, 1.12));
        var potential = baseValue + options * optionValue;
        var obligation = award.Line.IsService && !isPurchaseOrder ? Cents(baseValue * _random.Between(0.25, 1.0)) : baseValue;

        award.Actions.Add(Action(award, 0, award.Start, null, obligation, baseValue, potential, baseEnd, award.Description));
        var obligated = obligation;
        var current = baseValue;
        var currentEnd = baseEnd;
        var exercised = 0;
        for (var i = 0; i < dates.Length; i++)
        {
            var date = DateOnly.FromDayNumber(dates[i]);
            var number = i + 1;
            ContractAction action;
            if (exercised < options && date > currentEnd.AddDays(-30))
            {
                exercised++;
                currentEnd = Min(currentEnd.AddYears(1), potentialEnd);
                var funded = Cents(optionValue * _random.Between(0.25, 1.0));
                action = Action(award, number, date, "G", funded, optionValue, 0, currentEnd, $"EXERCISE OPTION PERIOD {exercised}");
            }
            else if (i == dates.Length - 1 && date > currentEnd)
            {
                var released = -Cents(obligated * (_random.Chance(0.4) ? 0 : _random.Between(0.001, 0.08)));
                action = Action(award, number, date, "K", released, 0, 0, currentEnd, "CLOSEOUT: DEOBLIGATE REMAINING FUNDS");
            }
            else
            {
                var roll = _random.NextDouble();
                var unfunded = current - obligated;
                if (roll < 0.45 && unfunded > 10_000)
                {
                    var funded = Cents(unfunded * _random.Between(0.2, 1.0));
                    action = Action(award, number, date, "C", funded, 0, 0, currentEnd,
                        _random.Chance(0.5) ? award.Description : $"INCREMENTAL FUNDING, FY{FiscalYear(date)}");
                }
                else if (roll is >= 0.45 and < 0.51 && obligated > 0)
                {
                    var released = -Cents(obligated * _random.Between(0.01, 0.15));
                    action = Action(award, number, date, "C", released, 0, 0, currentEnd, "DEOBLIGATE EXCESS FUNDS");
                }
                else if (roll is >= 0.51 and < 0.53 && obligated > 0)
                {
                    var removed = Cents(current * _random.Between(0.01, 0.1));
                    action = Action(award, number, date, "D", -Math.Min(removed, obligated), -removed, -removed, currentEnd,
                        "CHANGE ORDER: DESCOPE REQUIREMENTS");
                }
                else if (roll is >= 0.53 and < 0.68)
                {
                    var added = Cents(baseValue * _random.Between(0.02, 0.2));
                    action = Action(award, number, date, "B", Cents(added * _random.Between(0.5, 1.0)), added, added, currentEnd,
                        $"ADDITIONAL WORK WITHIN SCOPE, {award.Description}");
                }
                else
                {
                    // Administrative changes, and funding requests of an award that is already fully funded.
                    action = Action(award, number, date, "M", 0, 0, 0, currentEnd,
                        _random.Chance(0.3) ? award.Description : _random.Pick(AdministrativeChanges));
                }
            }

            obligated += action.Obligation;
            current += action.ExercisedChange;
            award.Actions.Add(action);
        }
    }

    private ContractAction Action(
        Award award, int number, DateOnly date, string? type, long obligation, long exercised, long allOptions, DateOnly currentEnd, string description)
    {
        var reported = date.ToDateTime(new TimeOnly(6 + _random.Next(15), _random.Next(60), _random.Next(60))).AddDays(_random.Next(4));
        var modified = _random.Chance(0.7) ? reported.AddSeconds(60 + _random.Next(18_000)) : reported.AddDays(1 + _random.Next(45)).AddSeconds(_random.Next(3600));
        if (modified > _lastReport)
        {
            modified = _lastReport;
        }

        if (reported > modified)
        {
            reported = modified;
        }

        return new ContractAction(number == 0 ? "0" : $"P{number:D5}", date, type, obligation, exercised, allOptions, currentEnd,
            number == 0 ? description : WithLineBreak(date, currentEnd, description), reported, modified);
    }

    private static long Cents(double cents) => (long)Math.Round(cents);

    private static int FiscalYear(DateOnly date) => date.Month >= 10 ? date.Year + 1 : date.Year;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
