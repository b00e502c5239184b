using ContractTracker.Benchmarks.Generator.Reference;

namespace ContractTracker.Benchmarks.Generator;

internal enum Organization
{
    Corporation,
    LimitedLiabilityCompany,
    Partnership,
    Nonprofit,
    SoleProprietorship,
}

/// <summary>
/// A fictional recipient. Every name starts with FICTIONAL or DEMO, so no row can be mistaken for a real company or
/// person. <see cref="Name"/> is the normalised <c>recipient_name</c>; <see cref="ReportedNames"/> are the spellings
/// vendors report to FPDS (<c>recipient_name_raw</c>): commas, periods and double spaces vary.
/// </summary>
internal sealed class Vendor
{
    public required string Uei { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> ReportedNames { get; init; }
    public string? DoingBusinessAs { get; init; }
    public required string Cage { get; init; }
    public required Place Place { get; init; }
    public required string AddressLine1 { get; init; }
    /// <summary>ZIP+4 without the dash, as USAspending writes it.</summary>
    public required string Zip4 { get; init; }
    public string? AddressLine2 { get; init; }
    public required string Phone { get; init; }
    public string? Fax { get; init; }
    public required Organization Organization { get; init; }
    public required bool IsSmall { get; init; }
    /// <summary>The <c>t</c>/<c>f</c> values of <see cref="BusinessFlags.Columns"/>.</summary>
    public required string[] Flags { get; init; }
    public required SubtierAgency HomeSubtier { get; init; }
    public required WorkLine Specialty { get; init; }
    /// <summary>How often the vendor wins an award, relative to the others.</summary>
    public required double Weight { get; set; }
    /// <summary>How this vendor spells its parent's name to FPDS (an index into the parent's reported names).</summary>
    public required int ParentSpelling { get; init; }

    /// <summary>The family's parent; the vendor itself when it stands alone.</summary>
    public Vendor Parent { get; set; } = null!;

    /// <summary>Set for a vendor bought by another family: its parent changes on the acquisition day.</summary>
    public (Vendor Acquirer, DateOnly Day)? Acquisition { get; set; }

    public Vendor ParentOn(DateOnly day) => Acquisition is { } a && day >= a.Day ? a.Acquirer : Parent;

    public string ParentReportedName(Vendor parent) => parent.ReportedNames[ParentSpelling % parent.ReportedNames.Count];
}

/// <summary>
/// The vendors of a data set: families (a parent and a few subsidiaries sharing a name stem), stand-alone firms and a
/// few sole proprietors, with popularity weights so a few vendors win many awards, as in real data.
/// </summary>
internal sealed class VendorRoster
{
    private static readonly string[] StemFirst =
    [
        "BLUE", "SILVER", "RED", "GRANITE", "CEDAR", "IRON", "COPPER", "NORTH", "SOUTH", "EAST", "WEST", "GOLDEN", "HIGH", "STONE",
        "SWIFT", "BRIGHT", "CLEAR", "OLD", "TRUE", "GREEN", "AMBER", "COBALT", "CRIMSON", "OAK", "PINE", "WILLOW", "SAGE", "RAVEN",
        "BLACK", "WHITE", "MAPLE", "BIRCH", "FROST", "SUN", "MOON", "STAR", "HARVEST", "THUNDER", "QUIET", "LONG",
    ];

    private static readonly string[] StemSecond =
    [
        "HERON", "MESA", "CANYON", "PEAK", "RIDGE", "RIVER", "LANTERN", "HARBOR", "PRAIRIE", "SUMMIT", "BRIDGE", "FORGE", "COMPASS",
        "BEACON", "ANCHOR", "ARROW", "FALCON", "GROVE", "HOLLOW", "KEY", "MEADOW", "ORBIT", "PILLAR", "QUILL", "SHORE", "SPRING", "TIDE",
        "VALE", "WHARF", "YARD", "BADGER", "CREST", "FIELD", "GATE", "HAVEN", "ISLE", "LEDGE", "MARSH", "PASS", "TRAIL",
    ];

    private static readonly string[] ClassicStems =
        ["NORTHWIND", "CONTOSO", "FABRIKAM", "TAILSPIN", "WINGTIP", "LITWARE", "PROSEWARE", "ADATUM", "ACME", "GLOBEX", "INITECH", "WIDGETWORKS"];

    private static readonly string[] FirstNames =
        ["JORDAN", "CASEY", "MORGAN", "TAYLOR", "RILEY", "AVERY", "QUINN", "ROWAN", "SAGE", "EMERSON", "FINLEY", "HARPER", "LOGAN", "PARKER"];

    private static readonly string[] LastNames =
    [
        "ALDERWOOD", "BRIARCLIFFE", "QUILLFEATHER", "THISTLEDOWN", "MARBLEFORD", "WRENFIELD", "DUSKWATER", "FERNSBY", "CALDERSHAW",
        "PEMBERLOCK", "ASHGROVE", "KETTLEWELL", "LARKSPURNE", "OSBERWICK", "TALLOWMERE", "VANTERPOOL",
    ];

    private const string UeiAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private const string CageAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly Random _random;
    private readonly GenerationProfile _profile;
    private readonly WeightedChoice<SubtierAgency> _homes;
    private readonly HashSet<string> _ueis = [];
    private readonly List<Vendor> _vendors = [];
    private readonly Queue<string> _stems;
    private int _stemRound;

    private VendorRoster(Random random, GenerationProfile profile, int count, double? maxFamilyShare)
    {
        _random = random;
        _profile = profile;
        _homes = new WeightedChoice<SubtierAgency>(profile.Awarding);
        _stems = new Queue<string>(ShuffledStems());
        var families = new List<List<Vendor>>();
        while (_vendors.Count < count)
        {
            families.Add(AddFamily(count - _vendors.Count));
        }

        // Zipf-like popularity: the vendor of rank n wins about 1/n^0.9 as many awards as the first; ranks are shuffled.
        var ranks = Enumerable.Range(1, _vendors.Count).ToArray();
        _random.Shuffle(ranks);
        for (var i = 0; i < _vendors.Count; i++)
        {
            _vendors[i].Weight /= Math.Pow(ranks[i], 0.9);
        }

        if (maxFamilyShare is { } cap)
        {
            CapFamilies(families, cap);
        }

        AddAcquisitions(families);
        SoleProprietors = _vendors.Where(v => v.Organization == Organization.SoleProprietorship).ToList();
        var all = new WeightedChoice<Vendor>(_vendors.Select(v => (v, v.Weight)));
        Everyone = all;
        BySubtier = profile.Awarding.ToDictionary(
            a => a.Subtier.Code,
            a =>
            {
                var sellers = _vendors.Where(v => v.Specialty.BuyerSubtiers.Contains(a.Subtier.Code) || v.HomeSubtier == a.Subtier).ToList();
                return sellers.Count == 0 ? all : new WeightedChoice<Vendor>(sellers.Select(v => (v, v.HomeSubtier == a.Subtier ? v.Weight * 3 : v.Weight)));
            });
    }

    public IReadOnlyList<Vendor> Vendors => _vendors;
    /// <summary>Individuals who win small purchase orders now and then.</summary>
    public IReadOnlyList<Vendor> SoleProprietors { get; }
    public WeightedChoice<Vendor> Everyone { get; }
    /// <summary>For each awarding sub-tier, the vendors that sell what it buys, its own regulars weighted up.</summary>
    public IReadOnlyDictionary<string, WeightedChoice<Vendor>> BySubtier { get; }

    public static VendorRoster Create(Random random, GenerationProfile profile, int count, double? maxFamilyShare = null)
    {
        if (maxFamilyShare is { } cap)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap, nameof(maxFamilyShare));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(cap, 1, nameof(maxFamilyShare));
        }

        return new(random, profile, Math.Max(count, 12), maxFamilyShare);
    }

    /// <summary>
    /// Flattens the head of the popularity curve: a family whose members together weigh more than <paramref name="cap"/> of
    /// all weight is scaled down to it (members keep their proportions), repeated until none is over, since each cut
    /// raises everyone else's share. The tail is untouched, so popularity stays long-tailed but bounded. Draws nothing
    /// from the random generator.
    /// </summary>
    private static void CapFamilies(List<List<Vendor>> families, double cap)
    {
        for (var round = 0; round < 100; round++)
        {
            var total = families.Sum(f => f.Sum(v => v.Weight));
            var limit = cap * total;
            var over = families.Where(f => f.Sum(v => v.Weight) > limit * (1 + 1e-9)).ToList();
            if (over.Count == 0)
            {
                return;
            }

            foreach (var family in over)
            {
                var scale = limit / family.Sum(v => v.Weight);
                foreach (var vendor in family)
                {
                    vendor.Weight *= scale;
                }
            }
        }
    }

    private List<Vendor> AddFamily(int room)
    {
        var prefix = _random.Chance(0.5) ? "FICTIONAL" : "DEMO";
        if (_random.Chance(0.04))
        {
            return [AddSoleProprietor(prefix)];
        }

        var stem = NextStem();
        var size = room >= 3 && _random.Chance(0.3) ? Math.Min(room, 3 + _random.Next(4)) : 1;
        var home = HomeSubtier();
        if (size == 1)
        {
            var organization = _random.Pick([Organization.LimitedLiabilityCompany, Organization.LimitedLiabilityCompany, Organization.Corporation,
                Organization.Corporation, Organization.Partnership, Organization.Nonprofit]);
            var line = Specialty(home);
            var vendor = AddCompany($"{prefix} {stem} {line.VendorTrade}", organization, home, line, isSmall: _random.Chance(0.7), weightFactor: 1);
            vendor.Parent = vendor;
            return [vendor];
        }

        var parentLine = Specialty(home);
        var parent = AddCompany($"{prefix} {stem} {_random.Pick(["HOLDINGS", "GROUP", "TECHNOLOGIES"])}", Organization.Corporation, home, parentLine,
            isSmall: false, weightFactor: 0.5);
        parent.Parent = parent;
        var family = new List<Vendor> { parent };
        var trades = new HashSet<string>();
        for (var i = 1; i < size; i++)
        {
            var subsidiaryHome = _random.Chance(0.6) ? home : HomeSubtier();
            var line = Specialty(subsidiaryHome);
            var trade = trades.Add(line.VendorTrade) ? line.VendorTrade : $"FEDERAL {line.VendorTrade} {i}";
            var subsidiary = AddCompany($"{prefix} {stem} {trade}", _random.Chance(0.7) ? Organization.LimitedLiabilityCompany : Organization.Corporation,
                subsidiaryHome, line, isSmall: false, weightFactor: 1.5);
            subsidiary.Parent = parent;
            family.Add(subsidiary);
        }

        return family;
    }

    /// <summary>
    /// A few stand-alone firms among the busier ones are bought by a family: from the acquisition day on, their actions
    /// report the acquirer as parent (<c>recipient_parent_uei</c> switches from their own UEI to the acquirer's).
    /// </summary>
    private void AddAcquisitions(List<List<Vendor>> families)
    {
        var acquirers = families.Where(f => f.Count > 1).Select(f => f[0]).ToList();
        var targets = families
            .Where(f => f.Count == 1 && f[0].Organization != Organization.SoleProprietorship)
            .Select(f => f[0])
            .OrderByDescending(v => v.Weight)
            .Take(Math.Max(_profile.Acquisitions * 4, 10))
            .ToList();
        for (var i = 0; i < _profile.Acquisitions && acquirers.Count > 0 && targets.Count > 0; i++)
        {
            var target = targets[_random.Next(targets.Count)];
            targets.Remove(target);
            target.Acquisition = (acquirers[_random.Next(acquirers.Count)], GenerationProfile.AcquisitionDay);
        }
    }

    private Vendor AddSoleProprietor(string prefix)
    {
        var first = _random.Pick(FirstNames);
        var last = _random.Pick(LastNames);
        var initial = (char)('A' + _random.Next(26));
        var home = HomeSubtier();
        var name = $"{prefix} {first} {initial} {last}";
        var vendor = NewVendor(name, [name, $"{prefix} {first} {last}", $"{prefix}  {first} {initial} {last}"], null,
            Organization.SoleProprietorship, home, Specialty(home), isSmall: true, weightFactor: 0.5);
        vendor.Parent = vendor;
        return vendor;
    }

    private Vendor AddCompany(string stem, Organization organization, SubtierAgency home, WorkLine line, bool isSmall, double weightFactor)
    {
        var (name, reported) = organization switch
        {
            Organization.LimitedLiabilityCompany => ($"{stem}, LLC", new[] { $"{stem} LLC", $"{stem}, LLC", $"{stem}, L.L.C.", $"{stem}  LLC" }),
            Organization.Partnership => ($"{stem} LP", [$"{stem} LP", $"{stem}, L.P.", $"{stem}  LP"]),
            Organization.Nonprofit => ($"{stem} INSTITUTE", [$"{stem} INSTITUTE", $"{stem} INSTITUTE, INC.", $"THE {stem} INSTITUTE"]),
            _ when _random.Chance(0.5) => ($"{stem} INC", [$"{stem} INC", $"{stem}, INC.", $"{stem} INC.", $"{stem} INCORPORATED", $"{stem}  INC"]),
            _ => ($"{stem} CORPORATION", [$"{stem} CORPORATION", $"{stem} CORP", $"{stem} CORP.", $"{stem}  CORPORATION"]),
        };
        var doingBusinessAs = _random.Chance(0.2) ? stem : null;
        return NewVendor(name, reported, doingBusinessAs, organization, home, line, isSmall, weightFactor);
    }

    private Vendor NewVendor(
        string name, IReadOnlyList<string> reported, string? doingBusinessAs, Organization organization, SubtierAgency home, WorkLine line,
        bool isSmall, double weightFactor)
    {
        var place = _random.Pick(Places.All);
        var vendor = new Vendor
        {
            Uei = NewUei(),
            Name = name,
            ReportedNames = reported,
            DoingBusinessAs = doingBusinessAs,
            Cage = _random.Characters(CageAlphabet, 5),
            Place = place,
            AddressLine1 = $"{1 + _random.Next(9899)} {_random.Pick(Places.StreetNames)} {_random.Pick(Places.StreetTypes)}",
            Zip4 = $"{place.Zip}{_random.Next(10000):D4}",
            AddressLine2 = _random.Chance(0.3) ? $"STE {100 + _random.Next(900)}" : null,
            Phone = $"{place.AreaCode}{_random.Next(200, 1000)}{_random.Next(10000):D4}",
            Fax = _random.Chance(0.4) ? $"{place.AreaCode}{_random.Next(200, 1000)}{_random.Next(10000):D4}" : null,
            Organization = organization,
            IsSmall = isSmall,
            Flags = BusinessFlags.For(organization, isSmall, line, _random),
            HomeSubtier = home,
            Specialty = line,
            Weight = weightFactor,
            ParentSpelling = _random.Chance(0.3) ? reported.Count - 1 : 0,
        };
        _vendors.Add(vendor);
        return vendor;
    }

    private SubtierAgency HomeSubtier() => _homes.Next(_random);

    private WorkLine Specialty(SubtierAgency home)
    {
        var lines = WorkLines.BoughtBy(home.Code);
        return lines.Count > 0 ? _random.Pick(lines) : _random.Pick(WorkLines.All);
    }

    /// <summary>SAM UEIs: 12 upper-case letters and digits, without I and O, starting with a letter.</summary>
    private string NewUei()
    {
        while (true)
        {
            var uei = _random.Characters(UeiAlphabet[..^10], 1) + _random.Characters(UeiAlphabet, 11);
            if (_ueis.Add(uei))
            {
                return uei;
            }
        }
    }

    private string NextStem()
    {
        if (_stems.Count == 0)
        {
            _stemRound++;
            foreach (var stem in ShuffledStems())
            {
                _stems.Enqueue($"{stem} {(_stemRound + 1) switch { 2 => "II", 3 => "III", var n => n.ToString(System.Globalization.CultureInfo.InvariantCulture) }}");
            }
        }

        return _stems.Dequeue();
    }

    private IEnumerable<string> ShuffledStems()
    {
        var stems = StemFirst.SelectMany(a => StemSecond.Select(b => $"{a} {b}")).Concat(ClassicStems).ToArray();
        _random.Shuffle(stems);
        return stems;
    }
}
