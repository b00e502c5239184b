using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Downloads;

internal sealed class StoredDownloadConfiguration : IEntityTypeConfiguration<StoredDownload>
{
    public void Configure(EntityTypeBuilder<StoredDownload> builder)
    {
        builder.ToTable("downloads");
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.HasIndex(d => d.Sha256).IsUnique();
        builder.Property(d => d.ETag).HasColumnName("etag");
        builder.HasIndex(d => d.Url);
    }
}
