using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Catalog;

namespace Storefront.Data.Configurations;

internal sealed class PriceConfiguration : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> builder)
    {
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Interval).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.LookupKey).HasMaxLength(200);
        builder.Property(p => p.StripePriceId).HasMaxLength(255);
        builder.HasIndex(p => p.LookupKey).IsUnique();
        builder.HasIndex(p => new { p.ProductId, p.IsActive });
    }
}
