using System.Text.Encodings.Web;

namespace Storefront.Web.Accounts;

/// <summary>The otpauth:// URI authenticator apps read from a QR code (issuer, account, Base32 key, 6 digits).</summary>
public static class AuthenticatorUris
{
    public static string For(string issuer, string account, string key)
    {
        var encodedIssuer = UrlEncoder.Default.Encode(issuer);
        return $"otpauth://totp/{encodedIssuer}:{UrlEncoder.Default.Encode(account)}?secret={key}&issuer={encodedIssuer}&digits=6";
    }
}
