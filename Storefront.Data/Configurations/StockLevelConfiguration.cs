using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Inventory;

namespace Storefront.Data.Configurations;

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> builder)
    {
        builder.HasKey(s => s.ProductId);
        builder.HasOne(s => s.Product).WithOne().HasForeignKey<StockLevel>(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.ToTable(t => t.HasCheckConstraint("CK_StockLevels_OnHand", "\"OnHand\" >= 0"));
    }
}
