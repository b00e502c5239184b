using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Awards;

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> builder)
    {
        builder.ToTable("awards");
        builder.HasKey(a => a.ContractAwardUniqueKey);
        builder.Property(a => a.ObligatedAmount).HasColumnType("numeric(23,2)");
        builder.Property(a => a.CurrentTotalValueOfAward).HasColumnType("numeric(23,2)");
        builder.Property(a => a.PotentialTotalValueOfAward).HasColumnType("numeric(23,2)");
        builder.Ignore(a => a.UsaspendingPermalink);
        // An IDV's orders a page at a time, in the page's order (first action date, then key).
        builder.HasIndex(a => new { a.ParentAwardUniqueKey, a.FirstActionDate, a.ContractAwardUniqueKey });
        builder.HasIndex(a => a.RecipientUei);
        builder.HasIndex(a => a.RecipientParentUei);
    }
}
