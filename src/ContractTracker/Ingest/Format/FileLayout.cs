namespace ContractTracker.Ingest.Format;

/// <summary>Where each column the importer needs sits in one file's header. Columns are always found by name.</summary>
public sealed class FileLayout
{
    private FileLayout(SourceFileKind kind, string[] header, int[] typedIndex, int[] canonicalIndex, int[] extraIndex, int deleteIndicatorIndex)
    {
        var lead = header.Length - TransactionColumns.Current.Count;
        CurrentHeaderFrom = lead >= 0 && extraIndex.Length == 0
            && header.Skip(lead).SequenceEqual(TransactionColumns.Current, StringComparer.OrdinalIgnoreCase)
            ? lead
            : -1;
        Kind = kind;
        Header = header;
        TypedIndex = typedIndex;
        CanonicalIndex = canonicalIndex;
        ExtraIndex = extraIndex;
        DeleteIndicatorIndex = deleteIndicatorIndex;
    }

    public SourceFileKind Kind { get; }
    public string[] Header { get; }
    /// <summary>For each of <see cref="TypedColumns.All"/>, its index in the file, or -1 when the file lacks it.</summary>
    public int[] TypedIndex { get; }
    /// <summary>For each of <see cref="TransactionColumns.Current"/>, its index in the file, or -1.</summary>
    public int[] CanonicalIndex { get; }
    /// <summary>Columns the current header no longer has (older files), ordered by name.</summary>
    public int[] ExtraIndex { get; }
    /// <summary>
    /// When the file's columns end with exactly the current header in its order (a current transactions file: 0; a current
    /// delta file: 2), the index of its first column; -1 otherwise.
    /// </summary>
    public int CurrentHeaderFrom { get; }

    /// <summary>The index of <c>correction_delete_ind</c> in a delta file; -1 otherwise.</summary>
    public int DeleteIndicatorIndex { get; }

    /// <summary>The index in the file of a typed column, or -1.</summary>
    public int IndexOf(TypedColumn column) => TypedIndex[TypedColumns.IndexOf(column.Name)];

    /// <summary>Reads a header and decides whether the file is one the importer can load, and how.</summary>
    public static HeaderVerdict Inspect(IReadOnlyList<string> rawHeader)
    {
        var header = rawHeader.Select(h => h.Trim()).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            return HeaderVerdict.Refuse("the file is empty: it has no header row");
        }

        if (header.Length == 1 && (header[0].Contains('\t') || header[0].Contains('|') || header[0].Contains(';')))
        {
            return HeaderVerdict.Refuse("the header is a single column holding tabs, pipes or semicolons: this looks like a tab- or pipe-separated file, "
                + "but only comma-separated USAspending CSV files are accepted");
        }

        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = HeaderAliases.OldToCurrent.TryGetValue(header[i], out var current) ? current : header[i];
            if (!positions.TryAdd(name, i))
            {
                return HeaderVerdict.Refuse($"the header names the column '{name}' twice (columns {positions[name] + 1} and {i + 1})");
            }
        }

        if (!positions.ContainsKey(TypedColumns.TransactionKey.Name))
        {
            return HeaderVerdict.Refuse(DescribeForeign(positions, header));
        }

        var missing = TypedColumns.All.Where(c => c.Required && !positions.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            var hint = missing.Contains(TypedColumns.AwardKey.Name)
                ? " (Contracts Prime Transactions headers from before 20 September 2019 lack contract_award_unique_key; download the data again to get the current header)"
                : "";
            return HeaderVerdict.Refuse($"a contracts transactions file, but it lacks the required column(s) {string.Join(", ", missing)}{hint}");
        }

        var isDelta = positions.TryGetValue(TransactionColumns.CorrectionDeleteIndicator, out var deleteIndex);
        var typed = TypedColumns.All.Select(c => positions.GetValueOrDefault(c.Name, -1)).ToArray();
        var canonical = TransactionColumns.Current.Select(c => positions.GetValueOrDefault(c, -1)).ToArray();
        var known = new HashSet<string>(TransactionColumns.Current, StringComparer.OrdinalIgnoreCase);
        if (isDelta)
        {
            known.Add(TransactionColumns.CorrectionDeleteIndicator);
            known.Add(TransactionColumns.DeltaAgencyId);
        }

        var extra = positions.Where(p => !known.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        return HeaderVerdict.Accept(new FileLayout(
            isDelta ? SourceFileKind.Delta : SourceFileKind.Transactions, header, typed, canonical, extra, isDelta ? deleteIndex : -1));
    }

    private static string DescribeForeign(Dictionary<string, int> columns, string[] header)
    {
        bool Has(string name) => columns.ContainsKey(name);

        var what =
            Has("assistance_transaction_unique_key") ? "an Assistance Prime Transactions file (grants, loans and other financial assistance)"
            : Has("assistance_award_unique_key") ? "an Assistance Prime Award Summaries file"
            : Has("subaward_number") || Has("subaward_amount") || Has("prime_award_unique_key") ? "a Subawards file"
            : Has("contract_award_unique_key") && (Has("total_obligated_amount") || Has("award_latest_action_date"))
                ? "a Contracts Prime Award Summaries file (one row per award, no transaction history)"
            : Has("award_id_piid") && Has("federal_action_obligation") && Has("action_date")
                ? "a Contracts Prime Transactions file in a header version older than 28 June 2019, whose records have no "
                  + "contract_transaction_unique_key and cannot be matched to later files; download the data again to get the current header"
            : $"not a USAspending contracts file (its header starts: {string.Join(",", header.Take(5))})";
        return $"this is {what}; ContractTracker imports Contracts Prime Transactions and Award Data Archive Delta files, "
            + "which have a contract_transaction_unique_key column";
    }
}

/// <summary>Whether a header can be loaded: a layout, or the reason the file is refused.</summary>
public sealed record HeaderVerdict(FileLayout? Layout, string? Refusal)
{
    public static HeaderVerdict Accept(FileLayout layout) => new(layout, null);

    public static HeaderVerdict Refuse(string reason) => new(null, reason);
}
