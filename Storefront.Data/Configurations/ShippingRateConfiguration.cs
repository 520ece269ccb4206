using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Shipping;

namespace Storefront.Data.Configurations;

internal sealed class ShippingRateConfiguration : IEntityTypeConfiguration<ShippingRate>
{
    public void Configure(EntityTypeBuilder<ShippingRate> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(80);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.Countries).HasMaxLength(1000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.CountryList);
    }
}
