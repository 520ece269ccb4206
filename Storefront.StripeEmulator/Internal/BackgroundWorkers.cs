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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var eventId in state.EventQueue.Reader.ReadAllAsync(stoppingToken))
            {
                var body = state.GetEventJson(eventId);
                if (body is null) continue;
                string type;
                lock (state.Gate) type = state.Events[eventId].Type;
                foreach (var endpoint in state.Options.WebhookEndpoints.ToList())
                    _ = DeliverAsync(eventId, type, body, endpoint, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private async Task DeliverAsync(string eventId, string type, string body, WebhookEndpoint endpoint, CancellationToken ct)
    {
        var schedule = state.Options.WebhookRetrySchedule.ToList();
        for (var attempt = 1; ; attempt++)
        {
            int? status = null;
            string? error = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(state.Options.WebhookTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(endpoint.Secret, state.WallClockNow.ToUnixTimeSeconds(), body));
                request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) Storefront-emulator");
                using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
                status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode) error = $"HTTP {status}";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Connection refused, timeout, bad URL…: all count as a failed attempt and are retried.
                error = ex.GetType().Name + ": " + ex.Message;
            }
            var ok = error is null;
            state.RecordDelivery(new WebhookDeliveryAttempt(eventId, type, endpoint.Url, attempt, status, error, state.WallClockNow, ok));
            if (ok) return;
            if (attempt > schedule.Count)
            {
                logger.LogWarning("Giving up delivering {EventId} to {Url} after {Attempts} attempts", eventId, endpoint.Url, attempt);
                return;
            }
            try
            {
                await Task.Delay(schedule[attempt - 1], ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Expires open sessions past <c>expires_at</c> every <see cref="StripeEmulatorOptions.ExpirySweepInterval"/> (real time).</summary>
internal sealed class ExpirySweeper(StripeEmulatorState state) : BackgroundService
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
            state.ExpireDueSessions();
        }
    }
}
