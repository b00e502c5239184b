using Cronos;

namespace ContractTracker.Sources;

/// <summary>Source schedules: five-field cron expressions (or <c>@daily</c>-style macros), evaluated in UTC.</summary>
public static class Schedules
{
    /// <summary>USAspending publishes once a day at most; refreshing more often only loads its servers.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(5);

    /// <summary>Why <paramref name="cron"/> is not a usable schedule, or null when it is.</summary>
    public static string? Problem(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "A schedule is required: a five-field cron expression in UTC, such as '0 6 * * *' (every day at 06:00 UTC).";
        }

        if (!CronExpression.TryParse(cron.Trim(), CronFormat.Standard, out var expression))
        {
            return $"'{cron}' is not a cron expression: give five fields (minute hour day-of-month month day-of-week), such as '0 6 * * *'.";
        }

        var occurrences = expression.GetOccurrences(DateTime.UtcNow, DateTime.UtcNow.AddDays(400), TimeZoneInfo.Utc).Take(200).ToList();
        if (occurrences.Count == 0)
        {
            return $"'{cron}' never runs.";
        }

        if (occurrences.Zip(occurrences.Skip(1), (a, b) => b - a).Any(gap => gap < MinimumInterval))
        {
            return $"'{cron}' runs more often than every {MinimumInterval.TotalMinutes:0} minutes.";
        }

        return null;
    }

    /// <summary>The next time <paramref name="cron"/> fires after <paramref name="after"/>, in UTC.</summary>
    public static DateTimeOffset? NextRun(string cron, DateTimeOffset after) =>
        CronExpression.TryParse(cron.Trim(), CronFormat.Standard, out var expression)
            ? expression.GetNextOccurrence(after, TimeZoneInfo.Utc)
            : null;
}
