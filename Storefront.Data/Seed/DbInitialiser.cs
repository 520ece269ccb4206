using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Data.Catalog;
using Storefront.Data.Identity;
using Storefront.Data.Inventory;
using Storefront.Data.Loyalty;
using Storefront.Data.Promotions;
using Storefront.Data.Shipping;
using Storefront.Data.Tax;

namespace Storefront.Data.Seed;

/// <summary>
/// Applies migrations and seeds what is missing. Idempotent: every seeded row is matched by its natural key
/// (slug, name, code, country/state, e-mail) and never overwritten, so merchant edits survive a restart.
/// </summary>
public sealed partial class DbInitialiser(
    StorefrontDbContext db,
    UserManager<ShopUser> users,
    IUserStore<ShopUser> userStore,
    RoleManager<IdentityRole> roles,
    IOptions<SeedOptions> options,
    ILogger<DbInitialiser> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task InitialiseAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await SeedRolesAsync();
        if (options.Value.Catalog)
        {
            var document = LoadSeedDocument();
            await SeedCatalogAsync(document, cancellationToken);
            await SeedRulesAsync(document, cancellationToken);
        }

        await SeedUsersAsync();
    }

    internal static SeedDocument LoadSeedDocument()
    {
        using var stream = typeof(DbInitialiser).Assembly.GetManifestResourceStream("Storefront.Data.Seed.seed.json")
                           ?? throw new InvalidOperationException("The embedded seed.json is missing.");
        return JsonSerializer.Deserialize<SeedDocument>(stream, JsonOptions)
               ?? throw new InvalidOperationException("seed.json is empty.");
    }

    private async Task SeedRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    private async Task SeedCatalogAsync(SeedDocument seed, CancellationToken cancellationToken)
    {
        var existing = await db.Products.Select(p => p.Slug).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var item in seed.Products.Where(p => !existing.Contains(p.Slug)))
        {
            var product = new Product(item.Slug, item.Name, item.Category, item.Kind);
            product.Describe(item.Description, item.Image);
            product.MarkComplimentary(item.Complimentary);
            if (item.Kind == ProductKind.Subscription)
            {
                product.AddPrice(seed.Currency, item.Monthly ?? throw Missing(item, "monthly"), BillingInterval.Month, $"{item.Slug}-monthly");
                product.AddPrice(seed.Currency, item.Yearly ?? throw Missing(item, "yearly"), BillingInterval.Year, $"{item.Slug}-yearly");
            }
            else
            {
                product.AddPrice(seed.Currency, item.Price ?? throw Missing(item, "price"), BillingInterval.None, item.Slug);
            }

            db.Products.Add(product);
            await db.SaveChangesAsync(cancellationToken);
            if (item.Stock is { } stock && product.TracksStock)
            {
                db.StockLevels.Add(new StockLevel(product.Id, stock));
            }

            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, "products", added);
    }

    private async Task SeedRulesAsync(SeedDocument seed, CancellationToken cancellationToken)
    {
        var tierNames = await db.LoyaltyTiers.Select(t => t.Name).ToListAsync(cancellationToken);
        foreach (var tier in seed.LoyaltyTiers.Where(t => !tierNames.Contains(t.Name)))
        {
            db.LoyaltyTiers.Add(new LoyaltyTier(tier.Name, tier.MinimumLifetimeSpend, tier.PercentOff, tier.Cap, seed.Currency));
        }

        var promotionNames = await db.Promotions.Select(p => p.Name).ToListAsync(cancellationToken);
        foreach (var item in seed.Promotions.Where(p => !promotionNames.Contains(p.Name)))
        {
            var promotion = new Promotion(item.Name, item.Kind, item.DiscountType, item.PercentOff, item.AmountOff, seed.Currency);
            promotion.SetPolicy(item.Stackable, item.Priority, item.Cap);
            promotion.SetThreshold(item.Threshold);
            promotion.SetCode(item.Code);
            promotion.SetRegion(item.Country, item.State);
            promotion.SetRedemptionLimit(item.RedemptionLimit);
            promotion.SetWindow(item.StartsAt, item.EndsAt);
            if (!item.Active)
            {
                promotion.Deactivate();
            }

            db.Promotions.Add(promotion);
        }

        var rateNames = await db.ShippingRates.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var item in seed.ShippingRates.Where(r => !rateNames.Contains(r.Name)))
        {
            var rate = new ShippingRate(item.Name, item.Amount, seed.Currency, item.MinDays, item.MaxDays, item.Countries);
            rate.Update(item.Name, item.Amount, seed.Currency, item.MinDays, item.MaxDays, item.Countries, item.FreeOver);
            db.ShippingRates.Add(rate);
        }

        var taxKeys = await db.TaxRates.Select(r => r.Country + "/" + (r.State ?? "")).ToListAsync(cancellationToken);
        foreach (var item in seed.TaxRates.Where(r => !taxKeys.Contains(r.Country + "/" + (r.State ?? ""))))
        {
            db.TaxRates.Add(new TaxRate(item.DisplayName, item.Country, item.State, item.Percentage, item.Inclusive));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedUsersAsync()
    {
        foreach (var seedUser in options.Value.Users.Where(u => !string.IsNullOrWhiteSpace(u.Email)))
        {
            if (await users.FindByEmailAsync(seedUser.Email) is { } existing)
            {
                // Databases seeded before two-factor sign-in existed get the configured key once; a key the
                // developer set up themselves is kept.
                if (seedUser.AuthenticatorKey is not null && await users.GetAuthenticatorKeyAsync(existing) is null)
                {
                    await EnableAuthenticatorAsync(existing, seedUser.AuthenticatorKey);
                }

                continue;
            }

            if (!Roles.All.Contains(seedUser.Role))
            {
                throw new InvalidOperationException($"Seed user {seedUser.Email} has unknown role '{seedUser.Role}'.");
            }

            var user = new ShopUser { UserName = seedUser.Email, Email = seedUser.Email, EmailConfirmed = true };
            user.SetLifetimeSpend(seedUser.LifetimeSpend);
            EnsureSucceeded(await users.CreateAsync(user, seedUser.Password), $"create user {seedUser.Email}");
            EnsureSucceeded(await users.AddToRoleAsync(user, seedUser.Role), $"add {seedUser.Email} to {seedUser.Role}");
            if (seedUser.AuthenticatorKey is not null)
            {
                await EnableAuthenticatorAsync(user, seedUser.AuthenticatorKey);
            }

            LogSeeded(logger, $"user {seedUser.Email} ({seedUser.Role})", 1);
        }
    }

    private async Task EnableAuthenticatorAsync(ShopUser user, string key)
    {
        var normalised = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (normalised.Length < 16 || normalised.Any(c => c is not (>= 'A' and <= 'Z' or >= '2' and <= '7')))
        {
            throw new InvalidOperationException($"Seed user {user.Email} has an authenticator key that is not Base32 of at least 16 characters.");
        }

        if (userStore is not IUserAuthenticatorKeyStore<ShopUser> keys)
        {
            throw new InvalidOperationException("The user store cannot hold authenticator keys.");
        }

        await keys.SetAuthenticatorKeyAsync(user, normalised, CancellationToken.None);
        EnsureSucceeded(await users.UpdateAsync(user), $"store the authenticator key of {user.Email}");
        EnsureSucceeded(await users.SetTwoFactorEnabledAsync(user, true), $"enable two-factor sign-in for {user.Email}");
    }

    private static InvalidOperationException Missing(SeedProduct product, string field) =>
        new($"Seed product '{product.Slug}' needs '{field}'.");

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} {What}")]
    private static partial void LogSeeded(ILogger logger, string what, int count);
}
