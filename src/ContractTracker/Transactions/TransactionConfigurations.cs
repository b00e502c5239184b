using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Transactions;

internal sealed class ContractTransactionConfiguration : IEntityTypeConfiguration<ContractTransaction>
{
    public void Configure(EntityTypeBuilder<ContractTransaction> builder)
    {
        builder.ToTable("transactions");
        builder.HasKey(t => t.ContractTransactionUniqueKey);

        foreach (var amount in new[]
                 {
                     nameof(ContractTransaction.FederalActionObligation), nameof(ContractTransaction.TotalDollarsObligated),
                     nameof(ContractTransaction.TotalOutlayedAmountForOverallAward), nameof(ContractTransaction.BaseAndExercisedOptionsValue),
                     nameof(ContractTransaction.CurrentTotalValueOfAward), nameof(ContractTransaction.BaseAndAllOptionsValue),
                     nameof(ContractTransaction.PotentialTotalValueOfAward),
                 })
        {
            builder.Property(amount).HasColumnType("numeric(23,2)");
        }

        // An award's actions, with their files: the files behind an IDV's orders are read from the index alone.
        builder.HasIndex(t => t.ContractAwardUniqueKey).IncludeProperties(t => t.ImportFileId);

        // A recipient's actions in date order, with what relationship queries aggregate, so they are answered from the
        // index alone instead of visiting ~3 KB heap rows. The family index, on the reported parent
        // (coalesce(recipient_parent_uei, recipient_uei)) then the awarding sub-tier, is an expression index created by
        // the ApiSpeed migration.
        builder.HasIndex(t => new { t.RecipientUei, t.ActionDate })
            .IncludeProperties(t => new
            {
                t.RecipientParentUei, t.ContractAwardUniqueKey, t.FederalActionObligation, t.ImportFileId,
                t.AwardingAgencyCode, t.AwardingSubAgencyCode, t.AwardingOfficeCode,
                t.FundingAgencyCode, t.FundingSubAgencyCode, t.FundingOfficeCode,
            });
        builder.HasIndex(t => new { t.AwardingSubAgencyCode, t.ActionDate });
        builder.HasIndex(t => new { t.FundingSubAgencyCode, t.ActionDate });
        // A sub-tier's largest (or smallest) actions of a fiscal year, read in amount order from the top.
        builder.HasIndex(t => new { t.AwardingSubAgencyCode, t.ActionDateFiscalYear, t.FederalActionObligation });
        // Pages of every agency's actions in (date, key) order, read from their first row instead of sorting whole days.
        builder.HasIndex(t => new { t.ActionDate, t.ContractTransactionUniqueKey });
    }
}

internal sealed class TransactionTombstoneConfiguration : IEntityTypeConfiguration<TransactionTombstone>
{
    public void Configure(EntityTypeBuilder<TransactionTombstone> builder)
    {
        builder.ToTable("transaction_tombstones");
        builder.HasKey(t => t.ContractTransactionUniqueKey);
    }
}
