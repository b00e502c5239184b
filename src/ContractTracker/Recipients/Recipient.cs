namespace ContractTracker.Recipients;

/// <summary>A recipient entity, keyed by its SAM UEI, derived from the transactions that name it.</summary>
public sealed class Recipient
{
    public required string Uei { get; init; }
    /// <summary>The name on the recipient's latest action.</summary>
    public string? Name { get; init; }
    public string? Duns { get; init; }
    /// <summary>The parent UEI reported on the recipient's latest action.</summary>
    public string? LatestParentUei { get; init; }
    public string? LatestParentName { get; init; }
    /// <summary>True when any action flags the recipient as a sole proprietorship: a person, never profiled.</summary>
    public bool IsSoleProprietorship { get; init; }
    public DateOnly FirstActionDate { get; init; }
    public DateOnly LastActionDate { get; init; }
    public int TransactionCount { get; init; }
    /// <summary>Sum of <c>federal_action_obligation</c> over the recipient's transactions.</summary>
    public decimal ObligatedAmount { get; init; }
    /// <summary>The import files the recipient's current transactions came from.</summary>
    public long[] ImportFileIds { get; init; } = [];
}

/// <summary>A name a recipient was reported under, with when it was seen (one UEI, many spellings).</summary>
public sealed class RecipientName
{
    public required string Uei { get; init; }
    public required string Name { get; init; }
    /// <summary>The name upper-cased, punctuation dropped, spaces collapsed (<c>normalize_name</c>): what search matches.</summary>
    public string NormalizedName { get; init; } = "";
    /// <summary>The normalised name's words (<c>normalize_name</c> split at spaces): what vendor search matches word by word.</summary>
    public string[] Words { get; init; } = [];
    /// <summary>The recipient's <see cref="Recipient.ObligatedAmount"/>, kept beside each of its names so search ranks without a join.</summary>
    public decimal RecipientObligatedAmount { get; init; }
    /// <summary>The recipient's <see cref="Recipient.IsSoleProprietorship"/>: a person's names are never search hits.</summary>
    public bool RecipientIsSoleProprietorship { get; init; }
    public DateOnly FirstActionDate { get; init; }
    public DateOnly LastActionDate { get; init; }
    public int TransactionCount { get; init; }
}

/// <summary>
/// A parent UEI as reported on a recipient's actions (the recipient itself when the actions named no parent), with the
/// span and total of the actions that reported it.
/// </summary>
public sealed class RecipientParent
{
    public required string Uei { get; init; }
    public required string ParentUei { get; init; }
    public string? ParentName { get; init; }
    public DateOnly FirstActionDate { get; init; }
    public DateOnly LastActionDate { get; init; }
    public int TransactionCount { get; init; }
    /// <summary>Sum of <c>federal_action_obligation</c> over the actions that reported this parent.</summary>
    public decimal ObligatedAmount { get; init; }
}

/// <summary>
/// A word of some company's normalised name: the vocabulary vendor search expands a query word against (a typo finds
/// the words it is like, then the names holding them). Grows with imports; a word no name holds any longer matches
/// nothing. Never holds the words of a sole proprietor's (a person's) names.
/// </summary>
public sealed class NameWord
{
    public required string Word { get; init; }
}
