using ContractTracker.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Ingest;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.ToTable("import_runs");
        builder.Property(r => r.Status).HasConversion(new SnakeCaseEnumConverter<ImportStatus>());
        builder.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.ImportRunId);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> builder)
    {
        builder.ToTable("import_files");
        builder.Property(f => f.Status).HasConversion(new SnakeCaseEnumConverter<ImportStatus>());
        builder.Property(f => f.Kind).HasConversion(new SnakeCaseEnumConverter<SourceFileKind>());
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.HasIndex(f => f.Sha256);
        builder.HasOne<ImportFile>().WithMany().HasForeignKey(f => f.DuplicateOfFileId);
    }
}

internal sealed class ImportRejectConfiguration : IEntityTypeConfiguration<ImportReject>
{
    public void Configure(EntityTypeBuilder<ImportReject> builder)
    {
        builder.ToTable("import_rejects");
        builder.HasOne<ImportFile>().WithMany().HasForeignKey(r => r.ImportFileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ImportFileId, r.RecordNumber });
    }
}
