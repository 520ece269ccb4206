using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Storefront.Data.Identity;

namespace Storefront.Web.Accounts;

/// <summary>
/// Identity's user manager, with one shop rule: deleting an account (the "delete personal data" page, or any other
/// caller) anonymises the account's orders in the same save instead of leaving them pointing at a person.
/// </summary>
public sealed class ShopUserManager(
    IUserStore<ShopUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ShopUser> passwordHasher,
    IEnumerable<IUserValidator<ShopUser>> userValidators,
    IEnumerable<IPasswordValidator<ShopUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ShopUser>> logger,
    AccountErasure erasure)
    : UserManager<ShopUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> DeleteAsync(ShopUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await erasure.TrackAsync(user.Id, CancellationToken);
        return await base.DeleteAsync(user);
    }
}
