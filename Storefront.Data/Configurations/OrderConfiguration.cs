using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Checkouts;
using Storefront.Data.Orders;

namespace Storefront.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(40);
        builder.HasIndex(o => o.Number).IsUnique();
        // One order per checkout, enforced by the database as well as by the processed-event table.
        builder.HasIndex(o => o.CheckoutId).IsUnique();
        builder.HasOne<Checkout>().WithMany().HasForeignKey(o => o.CheckoutId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.StripeSessionId).HasMaxLength(255);
        builder.HasIndex(o => o.StripeSessionId).IsUnique();
        builder.Property(o => o.PaymentIntentId).HasMaxLength(255);
        builder.Property(o => o.SubscriptionId).HasMaxLength(255);
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.HasIndex(o => o.UserId);
        builder.Property(o => o.Email).HasMaxLength(320);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.DiscountName).HasMaxLength(200);
        builder.Property(o => o.ShippingName).HasMaxLength(80);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(o => o.CreatedAt);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).HasField("lines");
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(120);
        builder.Property(l => l.Interval).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(l => l.ProductId);
    }
}
