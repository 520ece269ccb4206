using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Loyalty;

namespace Storefront.Data.Configurations;

internal sealed class LoyaltyTierConfiguration : IEntityTypeConfiguration<LoyaltyTier>
{
    public void Configure(EntityTypeBuilder<LoyaltyTier> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(60);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.MinimumLifetimeSpend).IsUnique();
        builder.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}
