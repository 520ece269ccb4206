using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Promotions;

namespace Storefront.Data.Configurations;

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.DiscountType).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.State).HasMaxLength(10);
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.Property(p => p.CustomerUserId).HasMaxLength(450);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsExhausted);
    }
}
