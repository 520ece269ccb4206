using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data.Identity;

namespace Storefront.Data.Configurations;

internal sealed class ShopUserConfiguration : IEntityTypeConfiguration<ShopUser>
{
    public void Configure(EntityTypeBuilder<ShopUser> builder)
    {
        builder.Property(u => u.LifetimeSpend).HasDefaultValue(0L);
    }
}
