using ContractTracker.Ingest;
using ContractTracker.Ingest.Format;

namespace ContractTracker.Tests.Ingest;

public sealed class FileLayoutTests
{
    [Fact]
    public void The_current_transactions_header_is_accepted_with_every_typed_column_found()
    {
        var verdict = FileLayout.Inspect(TransactionColumns.Current);

        Assert.NotNull(verdict.Layout);
        Assert.Equal(SourceFileKind.Transactions, verdict.Layout.Kind);
        Assert.DoesNotContain(-1, verdict.Layout.TypedIndex);
        Assert.Equal(297, TransactionColumns.Current.Count);
    }

    [Fact]
    public void A_delta_header_is_recognised_by_its_indicator_column()
    {
        var verdict = FileLayout.Inspect([TransactionColumns.CorrectionDeleteIndicator, TransactionColumns.DeltaAgencyId, .. TransactionColumns.Current]);

        Assert.Equal(SourceFileKind.Delta, verdict.Layout!.Kind);
        Assert.Equal(0, verdict.Layout.DeleteIndicatorIndex);
        Assert.Equal(2, verdict.Layout.IndexOf(TypedColumns.TransactionKey));
    }

    [Fact]
    public void Columns_are_found_by_name_whatever_their_order()
    {
        var shuffled = TransactionColumns.Current.Reverse().ToArray();

        var layout = FileLayout.Inspect(shuffled).Layout!;

        Assert.Equal(296, layout.IndexOf(TypedColumns.TransactionKey));
        Assert.Equal(0, layout.IndexOf(TypedColumns.LastModifiedDate));
    }

    [Theory]
    [InlineData("assistance_transaction_unique_key,assistance_award_unique_key,fain,uri", "Assistance Prime Transactions")]
    [InlineData("prime_award_unique_key,prime_award_piid,subaward_number,subaward_amount", "Subawards")]
    [InlineData("contract_award_unique_key,award_id_piid,total_obligated_amount,award_latest_action_date", "Prime Award Summaries")]
    [InlineData("award_id_piid,modification_number,federal_action_obligation,action_date,last_modified_date", "older than 28 June 2019")]
    [InlineData("name,amount,date", "not a USAspending contracts file")]
    [InlineData("contract_transaction_unique_key\tcontract_award_unique_key", "tab- or pipe-separated")]
    public void Foreign_files_are_refused_with_what_they_look_like(string header, string expected)
    {
        var verdict = FileLayout.Inspect(header.Split(','));

        Assert.Null(verdict.Layout);
        Assert.Contains(expected, verdict.Refusal);
    }

    [Fact]
    public void A_transactions_header_without_required_columns_names_them()
    {
        var header = TransactionColumns.Current.Where(c => c is not "last_modified_date" and not "federal_action_obligation").ToArray();

        var verdict = FileLayout.Inspect(header);

        Assert.Null(verdict.Layout);
        Assert.Contains("federal_action_obligation", verdict.Refusal);
        Assert.Contains("last_modified_date", verdict.Refusal);
    }

    [Fact]
    public void A_header_naming_a_column_twice_is_refused()
    {
        var verdict = FileLayout.Inspect([.. TransactionColumns.Current, "action_date"]);

        Assert.Contains("'action_date' twice", verdict.Refusal);
    }

    [Fact]
    public void Renamed_columns_of_older_headers_are_read_under_their_current_name()
    {
        var old = TransactionColumns.Current.Select(c => c == "parent_award_id_piid" ? "parent_award_id" : c).ToArray();

        var layout = FileLayout.Inspect(old).Layout!;

        Assert.Equal(Array.IndexOf(old, "parent_award_id"), layout.TypedIndex[TypedColumns.IndexOf("parent_award_id_piid")]);
    }
}
