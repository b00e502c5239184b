namespace ContractTracker.Benchmarks.Generator.Reference;

internal sealed record ToptierAgency(string Code, string Name);

internal sealed record Office(string Code, string Name);

/// <summary>
/// A sub-tier agency as USAspending names it (<c>awarding_sub_agency_name</c>), the upper-case name FPDS reports for it
/// (<c>parent_award_agency_name</c>), its contracting offices, and the Treasury account its obligations usually come from.
/// </summary>
internal sealed record SubtierAgency(
    ToptierAgency Toptier, string Code, string Name, string FpdsName, IReadOnlyList<Office> Offices,
    string AccountAgency, string AccountMain, string ProgramActivity)
{
    public bool IsDefense => Toptier.Code == "097";
}

/// <summary>
/// The agencies the generator awards from: DHS components and a few DoD ones, with codes from the broker's
/// <c>agency_codes.csv</c> (see USASPENDING_FORMAT.md section 6). Office codes follow the real prefixes (ICE 70C, CBP 70B,
/// USCIS 70S, USCG 70Z); the office names are illustrative.
/// </summary>
internal static class KnownAgencies
{
    public static readonly ToptierAgency Dhs = new("070", "Department of Homeland Security");
    public static readonly ToptierAgency Dod = new("097", "Department of Defense");

    public static readonly SubtierAgency Opo = new(Dhs, "7001", "Office of Procurement Operations", "OFFICE OF PROCUREMENT OPERATIONS",
        [new("70RSAT", "OFFICE OF PROCUREMENT OPERATIONS, S&T ACQUISITION BRANCH"), new("70RTAC", "OFFICE OF PROCUREMENT OPERATIONS, TAC DIVISION")],
        "070", "0112", "0001: OPERATIONS AND SUPPORT");

    public static readonly SubtierAgency Uscis = new(Dhs, "7003", "U.S. Citizenship and Immigration Services", "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        [new("70SBUR", "USCIS CONTRACTING OFFICE, BURLINGTON"), new("70SCAM", "USCIS CONTRACTING OFFICE, CAMP SPRINGS")],
        "070", "5088", "0001: IMMIGRATION EXAMINATIONS FEE ACCOUNT");

    public static readonly SubtierAgency Uscg = new(Dhs, "7008", "U.S. Coast Guard", "U.S. COAST GUARD",
        [new("70Z023", "COMMANDANT (CG-912)"), new("70Z0G5", "SFLC PROCUREMENT BRANCH 1"), new("70Z038", "AVIATION LOGISTICS CENTER (ALC)")],
        "070", "0610", "0001: OPERATIONS AND SUPPORT");

    public static readonly SubtierAgency Ice = new(Dhs, "7012", "U.S. Immigration and Customs Enforcement", "U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT",
        [new("70CDCR", "DETENTION COMPLIANCE AND REMOVALS"), new("70CMSD", "MISSION SUPPORT DALLAS"), new("70CMSW", "MISSION SUPPORT WILLISTON"),
         new("70CTD0", "INFORMATION TECHNOLOGY DIVISION")],
        "070", "0540", "0001: OPERATIONS AND SUPPORT");

    public static readonly SubtierAgency Tsa = new(Dhs, "7013", "Transportation Security Administration", "TRANSPORTATION SECURITY ADMINISTRATION",
        [new("70T020", "OFFICE OF CONTRACTING AND PROCUREMENT"), new("70T040", "TSA MISSION SUPPORT CONTRACTING")],
        "070", "0550", "0001: OPERATIONS AND SUPPORT");

    public static readonly SubtierAgency Cbp = new(Dhs, "7014", "U.S. Customs and Border Protection", "U.S. CUSTOMS AND BORDER PROTECTION",
        [new("70B02C", "AIR AND MARINE CONTRACTING DIVISION"), new("70B03C", "BORDER ENFORCEMENT CONTRACTING DIVISION"),
         new("70B04C", "ENTERPRISE CONTRACTING OFFICE"), new("70B01C", "MISSION SUPPORT CONTRACTING DIVISION")],
        "070", "0530", "0001: OPERATIONS AND SUPPORT");

    public static readonly SubtierAgency Fema = new(Dhs, "7022", "Federal Emergency Management Agency", "FEDERAL EMERGENCY MANAGEMENT AGENCY",
        [new("70FA20", "MISSION SUPPORT, PROCUREMENT OPERATIONS"), new("70FBR6", "FEMA REGION 6"), new("70FBR4", "FEMA REGION 4")],
        "070", "0700", "0002: DISASTER RELIEF FUND");

    public static readonly SubtierAgency Army = new(Dod, "2100", "Department of the Army", "DEPT OF THE ARMY",
        [new("W91CRB", "W6QK ACC-APG"), new("W15QKN", "W6QK ACC-PICA"), new("W912DY", "W072 ENDIST HUNTSVILLE")],
        "021", "2020", "0001: OPERATION AND MAINTENANCE, ARMY");

    public static readonly SubtierAgency Navy = new(Dod, "1700", "Department of the Navy", "DEPT OF THE NAVY",
        [new("N00024", "NAVAL SEA SYSTEMS COMMAND"), new("N00189", "NAVSUP FLT LOG CTR NORFOLK")],
        "017", "1804", "0001: OPERATION AND MAINTENANCE, NAVY");

    public static readonly SubtierAgency AirForce = new(Dod, "5700", "Department of the Air Force", "DEPT OF THE AIR FORCE",
        [new("FA8807", "FA8807  SSC PK"), new("FA8732", "FA8732  AFLCMC HIK")],
        "057", "3400", "0001: OPERATION AND MAINTENANCE, AIR FORCE");

    public static readonly SubtierAgency Dla = new(Dod, "97AS", "Defense Logistics Agency", "DEFENSE LOGISTICS AGENCY",
        [new("SPE4A7", "DLA AVIATION"), new("SPE7M1", "DLA LAND AND MARITIME")],
        "097", "4930", "0001: DEFENSE WORKING CAPITAL FUND");

    public static readonly IReadOnlyList<SubtierAgency> DhsComponents = [Uscis, Uscg, Ice, Tsa, Cbp, Fema];

    /// <summary>
    /// Who pays for an award: mostly the awarding sub-tier itself. DHS headquarters' Office of Procurement Operations buys
    /// for the components, and DLA for the military departments, so their funding agency usually differs.
    /// </summary>
    public static SubtierAgency FundingFor(SubtierAgency awarding, Random random)
    {
        if (awarding == Opo)
        {
            return random.Pick([Ice, Ice, Cbp, Cbp, Uscis, Tsa]);
        }

        if (awarding == Dla && random.Chance(0.5))
        {
            return random.Pick([Army, Navy, AirForce]);
        }

        if (!awarding.IsDefense && random.Chance(0.04))
        {
            return random.Pick(DhsComponents);
        }

        return awarding;
    }
}
