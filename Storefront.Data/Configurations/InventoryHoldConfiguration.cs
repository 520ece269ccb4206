using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Inventory;

namespace Storefront.Data.Configurations;

internal sealed class InventoryHoldConfiguration : IEntityTypeConfiguration<InventoryHold>
{
    public void Configure(EntityTypeBuilder<InventoryHold> builder)
    {
        builder.HasOne<Product>().WithMany().HasForeignKey(h => h.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Checkout>().WithMany().HasForeignKey(h => h.CheckoutId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.ProductId, h.ExpiresAt });
        builder.HasIndex(h => new { h.CheckoutId, h.ProductId }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_InventoryHolds_Quantity", "\"Quantity\" > 0"));
    }
}
