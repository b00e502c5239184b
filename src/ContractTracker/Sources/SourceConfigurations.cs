using System.Text.Json;
using ContractTracker.Database;
using ContractTracker.Downloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Sources;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ToTable("sources");
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Kind).HasConversion(new SnakeCaseEnumConverter<SourceKind>());
        builder.Property(s => s.Definition)
            .HasColumnType("jsonb")
            .HasConversion(
                d => JsonSerializer.Serialize(d, SourceDefinitionJson.Options),
                s => JsonSerializer.Deserialize<SourceDefinition>(s, SourceDefinitionJson.Options)!,
                new ValueComparer<SourceDefinition>(
                    (a, b) => JsonSerializer.Serialize(a, SourceDefinitionJson.Options) == JsonSerializer.Serialize(b, SourceDefinitionJson.Options),
                    d => JsonSerializer.Serialize(d, SourceDefinitionJson.Options).GetHashCode(StringComparison.Ordinal),
                    d => JsonSerializer.Deserialize<SourceDefinition>(JsonSerializer.Serialize(d, SourceDefinitionJson.Options), SourceDefinitionJson.Options)!));
    }
}

internal sealed class SourceRunConfiguration : IEntityTypeConfiguration<SourceRun>
{
    public void Configure(EntityTypeBuilder<SourceRun> builder)
    {
        builder.ToTable("source_runs");
        builder.Property(r => r.Trigger).HasConversion(new SnakeCaseEnumConverter<SourceRunTrigger>());
        builder.Property(r => r.Status).HasConversion(new SnakeCaseEnumConverter<SourceRunStatus>());
        builder.HasOne<Source>().WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Ingest.ImportRun>().WithMany().HasForeignKey(r => r.ImportRunId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.SourceRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.SourceId, r.Id });
    }
}

internal sealed class SourceRunFileConfiguration : IEntityTypeConfiguration<SourceRunFile>
{
    public void Configure(EntityTypeBuilder<SourceRunFile> builder)
    {
        builder.ToTable("source_run_files");
        builder.Property(f => f.Outcome).HasConversion(new SnakeCaseEnumConverter<SourceFileOutcome>());
        builder.HasOne<StoredDownload>().WithMany().HasForeignKey(f => f.DownloadId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>Definitions are stored with snake_case names, like every other name an analyst reads in psql.</summary>
public static class SourceDefinitionJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
