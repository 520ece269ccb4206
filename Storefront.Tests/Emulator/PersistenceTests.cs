using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

/// <summary>An emulator keeping its state in <paramref name="dataDirectory"/>, on a chosen port, with a chosen retry schedule.</summary>
public sealed class PersistentEmulator(string dataDirectory, int port = 0, TimeSpan? retry = null) : EmulatorHost("/_stripe")
{
    protected override int Port => port;

    protected override void ConfigureEmulator(StripeEmulatorOptions options)
    {
        options.DataDirectory = dataDirectory;
        if (retry is { } r) options.WebhookRetrySchedule = [r];
    }
}

/// <summary>Stopping the emulator's host and starting a new one on the same folder keeps everything a client was told.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "storefront-tests", "emulator-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private async Task<PersistentEmulator> Start(int port = 0, TimeSpan? retry = null)
    {
        var host = new PersistentEmulator(_dir, port, retry);
        await host.InitializeAsync();
        return host;
    }

    [Fact]
    public async Task Restart_KeepsCatalogSessionsEventsIdempotencyAndClock()
    {
        string price, taxRate, session, secret, completed;
        JsonSnapshot before;
        var first = await Start();
        try
        {
            price = await first.Http.NewPrice(1250, name: "Kettle");
            taxRate = await first.Http.NewTaxRate("8.875", inclusive: false, name: "NY");
            await first.Http.Create("v1/coupons", new Form(("id", "WELCOME10"), ("percent_off", 10)));
            var form = Api.SessionForm((price, 2)).Add("line_items[0][tax_rates][0]", taxRate).Add("discounts[0][coupon]", "WELCOME10");
            var created = await first.Http.Post("v1/checkout/sessions", form, idempotencyKey: "start-1");
            Assert.Equal(HttpStatusCode.OK, created.Status);
            session = created.Obj.S("id");
            secret = created.Obj.S("client_secret");
            completed = (await first.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
            Assert.Equal(HttpStatusCode.OK, (await first.Http.Post($"v1/test_helpers/checkout/sessions/{completed}/complete")).Status);
            first.State.AdvanceTime(TimeSpan.FromMinutes(5));
            first.State.Flush();
            before = new JsonSnapshot((await first.Http.Get($"v1/checkout/sessions/{session}", new Form(("expand[0]", "line_items")))).Obj.ToJsonString(), created.Header("Request-Id"));
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = await Start();
        try
        {
            var again = await second.Http.Get($"v1/checkout/sessions/{session}", new Form(("expand[0]", "line_items")));
            Assert.Equal(before.Session, again.Obj.ToJsonString());
            Assert.Equal(session, second.State.FindSessionIdByClientSecret(secret));
            Assert.Equal(HttpStatusCode.OK, (await second.Http.Get($"v1/prices/{price}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await second.Http.Get($"v1/tax_rates/{taxRate}")).Status);

            // A product sold before the restart can be sold again (no "No such price").
            Assert.Equal(HttpStatusCode.OK, (await second.Http.Post("v1/checkout/sessions", Api.SessionForm((price, 1)))).Status);

            // The idempotency key still replays the first answer, and still refuses other parameters.
            var replay = await second.Http.Post("v1/checkout/sessions", Api.SessionForm((price, 2)).Add("line_items[0][tax_rates][0]", taxRate).Add("discounts[0][coupon]", "WELCOME10"), idempotencyKey: "start-1");
            Assert.Equal("true", replay.Header("Idempotent-Replayed"));
            Assert.Equal(before.RequestId, replay.Header("Request-Id"));
            Assert.Equal(session, replay.Obj.S("id"));
            var mismatch = await second.Http.Post("v1/checkout/sessions", Api.SessionForm((price, 3)), idempotencyKey: "start-1");
            Assert.Equal("idempotency_error", mismatch.Error.S("type"));

            Assert.Equal("complete", (await second.Http.Get($"v1/checkout/sessions/{completed}")).Obj.S("status"));
            Assert.Contains(second.State.EventList, e => e.Type == "checkout.session.completed");
            Assert.Equal(EmulatorHost.Start.AddMinutes(5), second.State.UtcNow);

            // New objects sort after the old ones (the sequence continued).
            var newest = (await second.Http.Get("v1/checkout/sessions", new Form(("limit", 1)))).Obj["data"]![0].S("id");
            Assert.NotEqual(session, newest);
            Assert.NotEqual(completed, newest);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnAcknowledgedChange_IsInTheStateFile_BeforeTheAnswerArrives()
    {
        var host = await Start();
        try
        {
            var price = await host.Http.NewPrice(500);
            var session = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
            using var reader = new SqliteConnection($"Data Source={Path.Combine(_dir, "emulator.db")};Mode=ReadOnly;Pooling=False");
            reader.Open();
            using var cmd = reader.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM objects WHERE id IN ($p, $s)";
            cmd.Parameters.AddWithValue("$p", price);
            cmd.Parameters.AddWithValue("$s", session);
            Assert.Equal(2L, (long)cmd.ExecuteScalar()!);
            using var mode = reader.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string)mode.ExecuteScalar()!);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASecondEmulator_CannotUseTheSameFolder()
    {
        var host = await Start();
        try
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => Start());
            Assert.Contains("in use by another emulator", ex.ToString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await host.Http.Get("v1/products")).Status);
        }
        finally
        {
            await host.DisposeAsync();
        }

        var next = await Start();
        await next.DisposeAsync();
    }

    [Fact]
    public async Task APendingWebhook_IsDeliveredAfterTheRestart()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        // The first emulator's endpoint does not answer yet; its next attempt is 2 s away when it stops.
        string eventId;
        var first = await Start(retry: TimeSpan.FromSeconds(2));
        try
        {
            first.State.Options.WebhookEndpoints.Clear();
            first.State.Options.WebhookEndpoints.Add(new WebhookEndpoint($"http://127.0.0.1:{port}/hooks/a", EmulatorHost.WebhookSecret));
            var price = await first.Http.NewPrice(700);
            var session = (await first.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
            Assert.Equal(HttpStatusCode.OK, (await first.Http.Post($"v1/test_helpers/checkout/sessions/{session}/complete")).Status);
            eventId = first.State.EventList.Single(e => e.Type == "checkout.session.completed").Id;
            await Api.Eventually(() => first.State.WebhookDeliveries.Any(d => d.EventId == eventId), "first failed attempt");
            Assert.False(first.State.WebhookDeliveries.Single(d => d.EventId == eventId).Succeeded);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // The second one listens on that port with the receiver: the retry happens there, signed, exactly once.
        var second = await Start(port, retry: TimeSpan.FromSeconds(2));
        try
        {
            await Api.Eventually(() => second.Received.Any(h => h.Event.S("id") == eventId), "delivery after restart");
            await Api.Eventually(() => second.State.WebhookDeliveries.Any(d => d.EventId == eventId && d.Succeeded), "attempt recorded");
            var attempts = second.State.WebhookDeliveries.Where(d => d.EventId == eventId).Select(d => (d.Attempt, d.Succeeded)).ToList();
            Assert.Equal([(1, false), (2, true)], attempts);
            Assert.Equal(0, (await second.Http.Get($"v1/events/{eventId}")).Obj.L("pending_webhooks"));
            await Task.Delay(300);
            Assert.Single(second.Received, h => h.Event.S("id") == eventId);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private sealed record JsonSnapshot(string Session, string RequestId);
}
