using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Storefront.Web.Stripe;

/// <summary>
/// Verifies <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c>: v1 is lowercase hex HMAC-SHA256, keyed with
/// the UTF-8 bytes of the whole <c>whsec_…</c> secret, over <c>"{t}.{raw body}"</c>. Other schemes (v0) are ignored.
/// </summary>
public sealed class StripeWebhookVerifier
{
    public const string HeaderName = "Stripe-Signature";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private readonly TimeProvider _time;

    public StripeWebhookVerifier(TimeProvider? timeProvider = null, TimeSpan? tolerance = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        Tolerance = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(Tolerance, TimeSpan.Zero);
    }

    public TimeSpan Tolerance { get; }

    /// <summary>Verifies the signature over the raw body bytes and parses the event.</summary>
    public StripeEvent ConstructEvent(ReadOnlySpan<byte> payload, string? signatureHeader, string secret)
    {
        VerifySignature(payload, signatureHeader, secret);
        try
        {
            var stripeEvent = JsonSerializer.Deserialize<StripeEvent>(payload, StripeJson.Options);
            if (stripeEvent is null || string.IsNullOrEmpty(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type))
            {
                throw new StripeSignatureException(StripeSignatureFailure.InvalidPayload, "The webhook body is not a Stripe event (no id or type).");
            }

            return stripeEvent;
        }
        catch (JsonException ex)
        {
            throw new StripeSignatureException(StripeSignatureFailure.InvalidPayload, "The webhook body is not valid JSON.", ex);
        }
    }

    /// <summary>Same as the byte overload, for a body already read as a string (UTF-8).</summary>
    public StripeEvent ConstructEvent(string payload, string? signatureHeader, string secret) =>
        ConstructEvent(Encoding.UTF8.GetBytes(payload), signatureHeader, secret);

    /// <summary>Throws <see cref="StripeSignatureException"/> unless one v1 signature matches within the tolerance.</summary>
    public void VerifySignature(ReadOnlySpan<byte> payload, string? signatureHeader, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            throw new StripeSignatureException(StripeSignatureFailure.MissingHeader, $"The {HeaderName} header is missing.");
        }

        var (timestamp, signatures) = ParseHeader(signatureHeader);
        if (signatures.Count == 0)
        {
            throw new StripeSignatureException(StripeSignatureFailure.NoV1Signature, $"The {HeaderName} header has no v1 signature.");
        }

        var expected = ComputeSignature(payload, secret, timestamp);
        var matched = false;
        foreach (var candidate in signatures)
        {
            // Compare every candidate in constant time; a malformed one simply does not match.
            matched |= TryDecodeHex(candidate, out var bytes) && CryptographicOperations.FixedTimeEquals(bytes, expected);
        }

        if (!matched)
        {
            throw new StripeSignatureException(StripeSignatureFailure.NoMatchingSignature, "No v1 signature matches the payload (wrong secret or altered body).");
        }

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - timestamp;
        if (Math.Abs((decimal)age) > (decimal)Tolerance.TotalSeconds)
        {
            throw new StripeSignatureException(
                StripeSignatureFailure.TimestampOutsideTolerance,
                $"The signature timestamp is {age} s from now, outside the {Tolerance.TotalSeconds:0} s tolerance.");
        }
    }

    /// <summary>Builds a valid header (<c>t=…,v1=…</c>) — for tests and for the emulator's webhook sender.</summary>
    public static string ComputeSignatureHeader(string payload, string secret, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds();
        var hex = Convert.ToHexStringLower(ComputeSignature(Encoding.UTF8.GetBytes(payload), secret, t));
        return "t=" + t.ToString(CultureInfo.InvariantCulture) + ",v1=" + hex;
    }

    private static byte[] ComputeSignature(ReadOnlySpan<byte> payload, string secret, long timestamp)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    private static (long Timestamp, List<string> V1) ParseHeader(string header)
    {
        long? timestamp = null;
        var v1 = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new StripeSignatureException(StripeSignatureFailure.MalformedHeader, $"The {HeaderName} header has an item without '='.");
            }

            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (key == "t")
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    throw new StripeSignatureException(StripeSignatureFailure.MalformedHeader, $"The {HeaderName} header has a missing, repeated or non-numeric timestamp.");
                }

                timestamp = t;
            }
            else if (key == "v1")
            {
                v1.Add(value);
            }
        }

        if (timestamp is null)
        {
            throw new StripeSignatureException(StripeSignatureFailure.MalformedHeader, $"The {HeaderName} header has no timestamp.");
        }

        return (timestamp.Value, v1);
    }

    private static bool TryDecodeHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != 64)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
