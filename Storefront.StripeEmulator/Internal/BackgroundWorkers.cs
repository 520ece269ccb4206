using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Storefront.StripeEmulator.Internal;

/// <summary>Delivers each event to every configured endpoint, signed, retrying failures on the configured schedule.</summary>
internal sealed class WebhookDispatcher(StripeEmulatorState state, IHttpClientFactory httpClientFactory, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string HttpClientName = StripeEmulatorOptions.WebhookHttpClientName;

    /// <summary><c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "{t}.{body}")&gt;</c>.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>
    /// Sends every due pending delivery whose endpoint is configured (pending ones survive restarts in a persistent
    /// emulator; an endpoint the host registers late, such as the shop's own address, is picked up within a second).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = TimeProvider.System.GetUtcNow();
            var wait = TimeSpan.FromMilliseconds(500);
            var due = new List<(PendingDelivery Delivery, WebhookEndpoint Endpoint)>();
            lock (state.Gate)
            {
                var endpoints = state.Options.WebhookEndpoints.ToList();
                foreach (var d in state.PendingDeliveries.Values.OrderBy(d => d.DueAt))
                {
                    if (state.DeliveriesInFlight.Contains(d.Id)) continue;
                    var endpoint = endpoints.FirstOrDefault(e => e.Url == d.EndpointUrl);
                    if (endpoint is null) continue;
                    if (d.DueAt > now)
                    {
                        if (d.DueAt - now < wait) wait = d.DueAt - now;
                        continue;
                    }
                    state.DeliveriesInFlight.Add(d.Id);
                    due.Add((d, endpoint));
                }
            }
            foreach (var (delivery, endpoint) in due) _ = DeliverAsync(delivery, endpoint, stoppingToken);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait);
                await state.DeliverySignal.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // waited long enough: look again
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, WebhookEndpoint endpoint, CancellationToken ct)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(state.Options.WebhookTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(endpoint.Secret, state.WallClockNow.ToUnixTimeSeconds(), delivery.Body));
            request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) Storefront-emulator");
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"HTTP {status}";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the delivery stays pending and is sent after the next start.
            lock (state.Gate) state.DeliveriesInFlight.Remove(delivery.Id);
            return;
        }
        catch (Exception ex)
        {
            // Connection refused, timeout, bad URL…: all count as a failed attempt and are retried.
            error = ex.GetType().Name + ": " + ex.Message;
        }
        var ok = error is null;
        var schedule = state.Options.WebhookRetrySchedule;
        TimeSpan? retryIn = ok || delivery.Attempt > schedule.Count ? null : schedule[delivery.Attempt - 1];
        if (!ok && retryIn is null)
            logger.LogWarning("Giving up delivering {EventId} to {Url} after {Attempts} attempts", delivery.EventId, endpoint.Url, delivery.Attempt);
        try
        {
            state.FinishAttempt(delivery,
                new WebhookDeliveryAttempt(delivery.EventId, delivery.EventType, endpoint.Url, delivery.Attempt, status, error, state.WallClockNow, ok),
                retryIn);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not record the delivery of {EventId}", delivery.EventId);
        }
    }
}

/// <summary>Expires open sessions past <c>expires_at</c> every <see cref="StripeEmulatorOptions.ExpirySweepInterval"/> (real time).</summary>
internal sealed class ExpirySweeper(StripeEmulatorState state, ILogger<ExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(state.Options.ExpirySweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                state.ExpireDueSessions();
                state.Flush();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A full disk, say: the next sweep writes it again.
                logger.LogError(ex, "Expiry sweep could not be saved");
            }
        }
    }
}
