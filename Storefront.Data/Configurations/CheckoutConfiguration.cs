using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;

namespace Storefront.Data.Configurations;

internal sealed class CheckoutConfiguration : IEntityTypeConfiguration<Checkout>
{
    public void Configure(EntityTypeBuilder<Checkout> builder)
    {
        builder.Property(c => c.StripeSessionId).HasMaxLength(255);
        builder.HasIndex(c => c.StripeSessionId).IsUnique();
        builder.Property(c => c.OwnerKey).HasMaxLength(500);
        builder.HasIndex(c => c.OwnerKey);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.CustomerEmail).HasMaxLength(320);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.Status, c.ExpiresAt });
        builder.Property(c => c.PromotionCode).HasMaxLength(40);
        builder.Property(c => c.ShippingCountry).HasMaxLength(2);
        builder.Property(c => c.ShippingState).HasMaxLength(10);
        builder.Property(c => c.ShippingPostalCode).HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CheckoutId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).HasField("lines");
    }
}

internal sealed class CheckoutLineConfiguration : IEntityTypeConfiguration<CheckoutLine>
{
    public void Configure(EntityTypeBuilder<CheckoutLine> builder)
    {
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Price>().WithMany().HasForeignKey(l => l.PriceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.StripeLineItemId).HasMaxLength(255);
        builder.Property(l => l.StripeTaxRateId).HasMaxLength(255);
    }
}
