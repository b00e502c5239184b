namespace ContractTracker.Ingest;

public enum ImportPhase
{
    Checking,
    Loading,
    Deriving,
}

/// <summary>Where an import is: the file, the phase, bytes of the file read so far and records seen.</summary>
public sealed record ImportProgress(string FileName, ImportPhase Phase, long BytesRead, long TotalBytes, long Records)
{
    public double Fraction => TotalBytes <= 0 ? 1 : Math.Clamp((double)BytesRead / TotalBytes, 0, 1);
}
