using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Carts;
using Storefront.Data.Catalog;

namespace Storefront.Data.Configurations;

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> builder)
    {
        builder.Property(c => c.OwnerKey).HasMaxLength(500);
        builder.HasIndex(c => c.OwnerKey).IsUnique();
        builder.HasIndex(c => c.UpdatedAt);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).HasField("lines");
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Price>().WithMany().HasForeignKey(l => l.PriceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.CartId, l.PriceId }).IsUnique();
    }
}
