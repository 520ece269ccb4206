using System.Diagnostics;

namespace Storefront.Web.Stripe;

/// <summary>
/// Logs every attempt Stripe.net makes (its retries included): method, path, status, time, request id and
/// idempotency key. Never the Authorization header, never a body: keys and card data stay out of the logs.
/// </summary>
public sealed partial class StripeRequestLoggingHandler(ILogger<StripeRequestLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var path = request.RequestUri?.AbsolutePath ?? "";
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.FirstOrDefault() : null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                LogResponse(logger, request.Method.Method, path, status, Elapsed(started), requestId, key);
            }
            else
            {
                LogFailed(logger, request.Method.Method, path, status, Elapsed(started), requestId, key);
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogConnectionFailed(logger, request.Method.Method, path, Elapsed(started), key, ex.GetType().Name);
            throw;
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Stripe {Method} {Path} -> {Status} ({DurationMs} ms, request id {RequestId}, idempotency key {IdempotencyKey})")]
    private static partial void LogResponse(ILogger logger, string method, string path, int status, long durationMs, string? requestId, string? idempotencyKey);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Stripe {Method} {Path} -> {Status} ({DurationMs} ms, request id {RequestId}, idempotency key {IdempotencyKey})")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, long durationMs, string? requestId, string? idempotencyKey);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Stripe {Method} {Path} failed to connect ({DurationMs} ms, idempotency key {IdempotencyKey}): {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, string method, string path, long durationMs, string? idempotencyKey, string reason);
}
