using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Web.Carts;

/// <summary>
/// Resolves the current cart owner. Visitors are identified by a random id in a data-protected (signed and
/// encrypted) cookie; a missing or tampered cookie simply means a new visitor with an empty cart.
/// </summary>
public sealed class CartOwnerAccessor(IHttpContextAccessor httpContextAccessor, IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string CookieName = "sf_visitor";
    private const string Purpose = "Storefront.Carts.Visitor.v1";
    private static readonly object IssuedKey = new();

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    private HttpContext Http => httpContextAccessor.HttpContext
                                ?? throw new InvalidOperationException("The cart owner is only known during a request.");

    /// <summary>The owner, or null for a visitor who has no cart cookie yet (nothing to read, nothing to create).</summary>
    public CartOwner? Current()
    {
        var userId = Http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null)
        {
            return CartOwner.ForUser(userId);
        }

        return VisitorId() is { } visitor ? CartOwner.ForVisitor(visitor) : null;
    }

    /// <summary>The owner, issuing a visitor cookie first when the shopper has none (or a tampered one).</summary>
    public CartOwner GetOrCreate()
    {
        if (Current() is { } owner)
        {
            return owner;
        }

        var visitor = Guid.NewGuid();
        Http.Items[IssuedKey] = visitor;
        Http.Response.Cookies.Append(CookieName, protector.Protect(visitor.ToString("N")), new CookieOptions
        {
            HttpOnly = true,
            Secure = Http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = clock.GetUtcNow().AddDays(30),
            Path = "/",
        });
        return CartOwner.ForVisitor(visitor);
    }

    /// <summary>The visitor id from the cookie, whether or not the user is signed in (used to merge on sign-in).</summary>
    public Guid? VisitorId()
    {
        if (Http.Items.TryGetValue(IssuedKey, out var issued) && issued is Guid fresh)
        {
            return fresh;
        }

        return Http.Request.Cookies.TryGetValue(CookieName, out var value) ? Unprotect(value) : null;
    }

    private Guid? Unprotect(string value)
    {
        try
        {
            return Guid.TryParseExact(protector.Unprotect(value), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            // Tampered, truncated or signed with a key we no longer have: treat as a new visitor.
            return null;
        }
    }
}
