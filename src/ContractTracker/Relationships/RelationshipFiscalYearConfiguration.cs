using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Relationships;

internal sealed class RelationshipFiscalYearConfiguration : IEntityTypeConfiguration<RelationshipFiscalYear>
{
    public void Configure(EntityTypeBuilder<RelationshipFiscalYear> builder)
    {
        builder.ToTable("relationship_fiscal_years");
        builder.Property(r => r.ObligatedAmount).HasColumnType("numeric(23,2)");
        builder.HasIndex(r => r.RecipientUei);
        builder.HasIndex(r => r.ReportedParentUei);
        builder.HasIndex(r => new { r.AwardingAgencyCode, r.FiscalYear });
        builder.HasIndex(r => new { r.AwardingSubAgencyCode, r.FiscalYear });
        builder.HasIndex(r => new { r.AwardingOfficeCode, r.FiscalYear });
        builder.HasIndex(r => new { r.FundingAgencyCode, r.FiscalYear });
        builder.HasIndex(r => new { r.FundingSubAgencyCode, r.FiscalYear });
        builder.HasIndex(r => new { r.FundingOfficeCode, r.FiscalYear });
    }
}
