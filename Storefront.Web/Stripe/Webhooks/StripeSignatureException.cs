namespace Storefront.Web.Stripe;

/// <summary>Why a webhook was refused.</summary>
public enum StripeSignatureFailure
{
    /// <summary>No Stripe-Signature header.</summary>
    MissingHeader,

    /// <summary>The header is not a list of key=value pairs with one integer timestamp.</summary>
    MalformedHeader,

    /// <summary>The header carries no v1 signature (only other schemes, e.g. v0).</summary>
    NoV1Signature,

    /// <summary>No v1 signature matches the payload and secret.</summary>
    NoMatchingSignature,

    /// <summary>The timestamp is further from now than the tolerance, in either direction.</summary>
    TimestampOutsideTolerance,

    /// <summary>The signature matches but the body is not an event.</summary>
    InvalidPayload,
}

/// <summary>A webhook whose signature or body could not be trusted; answer it with 400.</summary>
public sealed class StripeSignatureException : Exception
{
    public StripeSignatureException(StripeSignatureFailure reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public StripeSignatureFailure Reason { get; }
}
