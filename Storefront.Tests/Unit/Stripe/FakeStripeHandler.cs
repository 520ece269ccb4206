using System.Net;
using System.Text;

namespace Storefront.Tests.Unit.Stripe;

/// <summary>An HttpMessageHandler that answers from a script and records what it was sent (headers and body copied).</summary>
internal sealed class FakeStripeHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    public List<RecordedRequest> Requests { get; } = [];

    public FakeStripeHandler Respond(HttpStatusCode status, string json = "{}", params (string Name, string Value)[] headers)
    {
        _script.Enqueue((_, _) => Task.FromResult(Response(status, json, headers)));
        return this;
    }

    public FakeStripeHandler RespondOk(string json = """{"id":"cs_test_1","object":"checkout.session"}""") =>
        Respond(HttpStatusCode.OK, json, ("Request-Id", "req_ok"));

    public FakeStripeHandler Throw(Exception exception)
    {
        _script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    public FakeStripeHandler Run(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public static HttpResponseMessage Response(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var contentType = request.Content?.Headers.ContentType?.ToString();
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body, contentType));
        if (_script.Count == 0)
        {
            throw new InvalidOperationException($"Unexpected request #{Requests.Count}: {request.Method} {request.RequestUri}");
        }

        return await _script.Dequeue()(request, cancellationToken);
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, string? ContentType)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
