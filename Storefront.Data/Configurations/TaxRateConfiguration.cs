using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Tax;

namespace Storefront.Data.Configurations;

internal sealed class TaxRateConfiguration : IEntityTypeConfiguration<TaxRate>
{
    public void Configure(EntityTypeBuilder<TaxRate> builder)
    {
        builder.Property(r => r.DisplayName).HasMaxLength(80);
        builder.Property(r => r.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(r => r.State).HasMaxLength(10);
        builder.Property(r => r.Percentage).HasPrecision(7, 4);
        builder.Property(r => r.StripeTaxRateId).HasMaxLength(255);
        builder.HasIndex(r => new { r.Country, r.State });
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}
