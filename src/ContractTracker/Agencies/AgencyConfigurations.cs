using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Agencies;

internal sealed class ToptierAgencyConfiguration : IEntityTypeConfiguration<ToptierAgency>
{
    public void Configure(EntityTypeBuilder<ToptierAgency> builder)
    {
        builder.ToTable("toptier_agencies");
        builder.HasKey(a => a.Code);
    }
}

internal sealed class SubAgencyConfiguration : IEntityTypeConfiguration<SubAgency>
{
    public void Configure(EntityTypeBuilder<SubAgency> builder)
    {
        builder.ToTable("sub_agencies");
        builder.HasKey(a => a.Code);
        builder.HasIndex(a => a.ToptierCode);
    }
}

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> builder)
    {
        builder.ToTable("offices");
        builder.HasKey(o => o.Code);
        builder.HasIndex(o => o.SubAgencyCode);
    }
}
