using System.Security.Cryptography;

namespace Storefront.Tests.Support;

/// <summary>
/// Time-based one-time codes as an authenticator app computes them (RFC 6238: HMAC-SHA1, 30-second steps,
/// 6 digits), so tests can sign in with two factors using a known Base32 key.
/// </summary>
public static class Totp
{
    /// <summary>The development admin's key (appsettings.Development.json, Seed:Users).</summary>
    public const string DevAdminKey = "STOREFRONTDEVADMINKEY234567ABCDE";

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--, step >>= 8)
        {
            counter[i] = (byte)(step & 0xff);
        }

        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not Base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xff));
            }
        }

        return bytes.ToArray();
    }
}
