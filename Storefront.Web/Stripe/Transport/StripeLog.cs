using Microsoft.Extensions.Logging;

namespace Storefront.Web.Stripe;

/// <summary>What the transport logs. Never the secret key, never request or response bodies.</summary>
internal static partial class StripeLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Stripe {Method} {Path} -> {Status} (attempt {Attempt}, {DurationMs} ms, request id {RequestId}, idempotency key {IdempotencyKey})")]
    public static partial void Response(ILogger logger, string method, string path, int status, int attempt, long durationMs, string? requestId, string? idempotencyKey);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Stripe {Method} {Path} failed to connect (attempt {Attempt}, {DurationMs} ms, idempotency key {IdempotencyKey}): {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, string method, string path, int attempt, long durationMs, string? idempotencyKey, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Stripe {Method} {Path}: retrying in {DelayMs} ms (retry {Retry} of {MaxRetries}, idempotency key {IdempotencyKey})")]
    public static partial void Retrying(ILogger logger, string method, string path, long delayMs, int retry, int maxRetries, string? idempotencyKey);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Stripe {Method} {Path} failed: {Status} {ErrorType} {ErrorCode} (request id {RequestId}, idempotency key {IdempotencyKey})")]
    public static partial void Failed(ILogger logger, string method, string path, int status, string? errorType, string? errorCode, string? requestId, string? idempotencyKey);
}
