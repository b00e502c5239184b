using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContractTracker.Recipients;

internal sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> builder)
    {
        builder.ToTable("recipients");
        builder.HasKey(r => r.Uei);
        builder.Property(r => r.ObligatedAmount).HasColumnType("numeric(23,2)");
        builder.HasIndex(r => r.LatestParentUei);
        builder.HasIndex(r => r.Duns);
        // The few people among recipients, whom searches and families leave out.
        builder.HasIndex(r => r.Uei).HasDatabaseName("ix_recipients_sole_proprietors").HasFilter("is_sole_proprietorship");
    }
}

internal sealed class RecipientNameConfiguration : IEntityTypeConfiguration<RecipientName>
{
    public void Configure(EntityTypeBuilder<RecipientName> builder)
    {
        builder.ToTable("recipient_names");
        builder.HasKey(r => new { r.Uei, r.Name });
        builder.Property(r => r.NormalizedName).HasComputedColumnSql("normalize_name(name)", stored: true);
        builder.Property(r => r.Words).HasComputedColumnSql("string_to_array(normalize_name(name), ' ')", stored: true);
        builder.Property(r => r.RecipientObligatedAmount).HasColumnType("numeric(23,2)");
        // Names holding given words: one posting list per word, intersected.
        builder.HasIndex(r => r.Words).HasMethod("gin");
    }
}

internal sealed class NameWordConfiguration : IEntityTypeConfiguration<NameWord>
{
    public void Configure(EntityTypeBuilder<NameWord> builder)
    {
        builder.ToTable("name_words");
        builder.HasKey(w => w.Word);
        // The words like a query word (pg_trgm word similarity), found by trigram.
        builder.HasIndex(w => w.Word).HasDatabaseName("ix_name_words_word_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class RecipientParentConfiguration : IEntityTypeConfiguration<RecipientParent>
{
    public void Configure(EntityTypeBuilder<RecipientParent> builder)
    {
        builder.ToTable("recipient_parents");
        builder.HasKey(r => new { r.Uei, r.ParentUei });
        builder.Property(r => r.ObligatedAmount).HasColumnType("numeric(23,2)");
        builder.HasIndex(r => r.ParentUei);
    }
}
