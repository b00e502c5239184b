namespace ContractTracker.Benchmarks.Generator.Reference;

/// <summary>A US city with the codes USAspending writes for it: county and state FIPS, ZIP, congressional district, area code.</summary>
internal sealed record Place(
    string City, string CountyFips, string County, string StateFips, string StateCode, string StateName, string Zip, string District,
    string AreaCode)
{
    public string CongressionalDistrict => $"{StateCode}-{District}";
}

/// <summary>Real places (codes from the Census FIPS tables); the street addresses put in them are made up.</summary>
internal static class Places
{
    public static readonly IReadOnlyList<Place> All =
    [
        new("WASHINGTON", "11001", "DISTRICT OF COLUMBIA", "11", "DC", "DISTRICT OF COLUMBIA", "20528", "98", "202"),
        new("ARLINGTON", "51013", "ARLINGTON", "51", "VA", "VIRGINIA", "22202", "08", "703"),
        new("RESTON", "51059", "FAIRFAX", "51", "VA", "VIRGINIA", "20190", "11", "703"),
        new("HERNDON", "51059", "FAIRFAX", "51", "VA", "VIRGINIA", "20171", "11", "571"),
        new("NORFOLK", "51710", "NORFOLK (CITY)", "51", "VA", "VIRGINIA", "23510", "03", "757"),
        new("SAN ANTONIO", "48029", "BEXAR", "48", "TX", "TEXAS", "78205", "20", "210"),
        new("EL PASO", "48141", "EL PASO", "48", "TX", "TEXAS", "79901", "16", "915"),
        new("MCALLEN", "48215", "HIDALGO", "48", "TX", "TEXAS", "78501", "15", "956"),
        new("LAREDO", "48479", "WEBB", "48", "TX", "TEXAS", "78040", "28", "956"),
        new("DALLAS", "48113", "DALLAS", "48", "TX", "TEXAS", "75201", "30", "214"),
        new("HOUSTON", "48201", "HARRIS", "48", "TX", "TEXAS", "77002", "18", "713"),
        new("SAN DIEGO", "06073", "SAN DIEGO", "06", "CA", "CALIFORNIA", "92101", "51", "619"),
        new("TUCSON", "04019", "PIMA", "04", "AZ", "ARIZONA", "85701", "07", "520"),
        new("MIAMI", "12086", "MIAMI-DADE", "12", "FL", "FLORIDA", "33131", "27", "305"),
        new("BURLINGTON", "50007", "CHITTENDEN", "50", "VT", "VERMONT", "05401", "00", "802"),
        new("WILLISTON", "50007", "CHITTENDEN", "50", "VT", "VERMONT", "05495", "00", "802"),
        new("BALTIMORE", "24510", "BALTIMORE (CITY)", "24", "MD", "MARYLAND", "21202", "07", "410"),
        new("ATLANTA", "13121", "FULTON", "13", "GA", "GEORGIA", "30303", "05", "404"),
        new("NEW ORLEANS", "22071", "ORLEANS", "22", "LA", "LOUISIANA", "70112", "02", "504"),
        new("SEATTLE", "53033", "KING", "53", "WA", "WASHINGTON", "98104", "07", "206"),
        new("DENVER", "08031", "DENVER", "08", "CO", "COLORADO", "80202", "01", "303"),
        new("HUNTSVILLE", "01089", "MADISON", "01", "AL", "ALABAMA", "35801", "05", "256"),
        new("DAYTON", "39113", "MONTGOMERY", "39", "OH", "OHIO", "45402", "10", "937"),
        new("LINCOLN", "31109", "LANCASTER", "31", "NE", "NEBRASKA", "68508", "01", "402"),
    ];

    public static readonly IReadOnlyList<string> StreetNames =
    [
        "HERON RIDGE", "QUARRY", "LANTERN", "FOXGLOVE", "MILLBROOK", "SAWGRASS", "TIMBERLINE", "OLD MILL", "WILLOW BEND", "STONEGATE",
        "COPPERFIELD", "HARBOR VIEW", "PRAIRIE WIND", "SUMMIT", "RIVERBEND", "LAUREL", "BRIARWOOD", "CANYON CREST", "ORCHARD", "FALCON",
    ];

    public static readonly IReadOnlyList<string> StreetTypes = ["ST", "AVE", "RD", "DR", "BLVD", "PKWY", "WAY", "CT"];
}
