using System.Net;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

public sealed class HttpBasicsTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task MissingKey_Is401_WithStripeErrorShape_AndRequestId()
    {
        using var anonymous = host.NewClient(null);
        var r = await anonymous.Get("v1/products");
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal("invalid_request_error", r.Error.S("type"));
        Assert.StartsWith("You did not provide an API key.", r.Error.S("message"));
        Assert.Matches("^req_[A-Za-z0-9]{14}$", r.Header("Request-Id"));
    }

    [Fact]
    public async Task WrongKeyPrefix_Is401_InvalidApiKey()
    {
        using var client = host.NewClient("pk_test_publishable_key");
        var r = await client.Post("v1/products", new Form(("name", "x")));
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.StartsWith("Invalid API Key provided: ", r.Error.S("message"));
    }

    [Fact]
    public async Task UnknownTopLevelParameter_Is400_WithParam()
    {
        var r = await host.Http.Post("v1/products", new Form(("name", "Tea"), ("colour", "green")));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("invalid_request_error", r.Error.S("type"));
        Assert.Equal("Received unknown parameter: colour", r.Error.S("message"));
        Assert.Equal("colour", r.Error.S("param"));
    }

    [Fact]
    public async Task UnknownNestedParameter_NamesTheFullBracketPath()
    {
        var price = await host.Http.NewPrice(100);
        var form = Api.SessionForm((price, 1)).Add("line_items[0][foo]", "bar");
        var r = await host.Http.Post("v1/checkout/sessions", form);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Received unknown parameter: line_items[0][foo]", r.Error.S("message"));
        Assert.Equal("line_items[0][foo]", r.Error.S("param"));
    }

    [Theory]
    [InlineData("v1/checkout/sessions/cs_test_nope", "checkout.session", "cs_test_nope")]
    [InlineData("v1/prices/price_nope", "price", "price_nope")]
    [InlineData("v1/products/prod_nope", "product", "prod_nope")]
    [InlineData("v1/coupons/nope", "coupon", "nope")]
    [InlineData("v1/tax_rates/txr_nope", "tax_rate", "txr_nope")]
    [InlineData("v1/shipping_rates/shr_nope", "shipping_rate", "shr_nope")]
    [InlineData("v1/payment_intents/pi_nope", "payment_intent", "pi_nope")]
    [InlineData("v1/events/evt_nope", "event", "evt_nope")]
    public async Task MissingResource_Is404_ResourceMissing(string path, string objectName, string id)
    {
        var r = await host.Http.Get(path);
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.Equal("invalid_request_error", r.Error.S("type"));
        Assert.Equal("resource_missing", r.Error.S("code"));
        Assert.Equal($"No such {objectName}: '{id}'", r.Error.S("message"));
        Assert.Equal("id", r.Error.S("param"));
    }

    [Fact]
    public async Task UnknownUrl_Is404()
    {
        var r = await host.Http.Get("v1/widgets");
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.StartsWith("Unrecognized request URL (GET: /v1/widgets)", r.Error.S("message"));
    }

    [Fact]
    public async Task StripeVersionHeader_IsEchoed()
    {
        var r = await host.Http.Post("v1/products", new Form(("name", "Echo")), stripeVersion: "2025-03-31.basil; checkout_server_update_beta=v1;");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("2025-03-31.basil; checkout_server_update_beta=v1;", r.Header("Stripe-Version"));
        Assert.Matches("^req_", r.Header("Request-Id"));
    }

    [Fact]
    public async Task NestedObjects_IndexedAndAppendedArrays_AndMetadataDecode()
    {
        var product = await host.Http.Create("v1/products", new Form(("name", "Tea & Cake = 2+2"), ("metadata[sku]", "T-1"), ("metadata[note]", "a b")));
        Assert.Equal("Tea & Cake = 2+2", product.S("name"));
        Assert.Equal("T-1", product["metadata"].S("sku"));
        Assert.Equal("a b", product["metadata"].S("note"));

        // metadata= clears; metadata[key]= removes one key.
        var id = product.S("id");
        var updated = await host.Http.Create($"v1/products/{id}", new Form(("metadata[note]", "")));
        Assert.Equal(["sku"], updated["metadata"]!.AsObject().Select(kv => kv.Key).ToArray());
        updated = await host.Http.Create($"v1/products/{id}", new Form(("metadata", "")));
        Assert.Empty(updated["metadata"]!.AsObject());

        // expand[] and expand[0] both work.
        var price = await host.Http.NewPrice(100);
        var session = await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)));
        var a = await host.Http.Get($"v1/checkout/sessions/{session.S("id")}", new Form(("expand[]", "line_items")));
        var b = await host.Http.Get($"v1/checkout/sessions/{session.S("id")}", new Form(("expand[0]", "line_items")));
        Assert.Equal("list", a.Obj["line_items"].S("object"));
        Assert.Equal("list", b.Obj["line_items"].S("object"));
        Assert.Null(session["line_items"]);
    }
}

public sealed class FormDecoderTests
{
    private static StripeEmulator.Internal.Params Decode(string text) => new(StripeEmulator.Internal.FormDecoder.Decode(text), "");

    [Fact]
    public void IndexedArrays_AreOrderedByIndex_NotByArrival()
    {
        var p = Decode("line_items[1][price]=b&line_items[0][price]=a&line_items[10][price]=c");
        Assert.Equal(new string?[] { "a", "b", "c" }, p.ObjList("line_items")!.Select(x => x.Str("price")));
        Assert.Equal("line_items[2]", p.ObjList("line_items")![2].Path);
    }

    [Fact]
    public void AppendedArrays_AndDeepNesting()
    {
        var p = Decode("expand[]=line_items&expand[]=payment_intent&a[b][c][d]=1&x=%5Bnot%5D+a+key");
        Assert.Equal(["line_items", "payment_intent"], p.Expand());
        Assert.Equal("1", p.Obj("a")!.Obj("b")!.Obj("c")!.Str("d"));
        Assert.Equal("[not] a key", p.Str("x"));
    }

    [Fact]
    public void EmptyValue_MeansCleared()
    {
        var p = Decode("discounts=&metadata=");
        Assert.True(p.IsCleared("discounts"));
        Assert.Empty(p.ObjList("discounts")!);
        Assert.Empty(p.Metadata("metadata", out var cleared)!);
        Assert.True(cleared);
    }

    [Fact]
    public void ScalarWhereObjectExpected_IsAnError_WithParam()
    {
        var p = Decode("line_items[0]=oops");
        var ex = Assert.Throws<StripeEmulatorException>(() => p.ObjList("line_items"));
        Assert.Equal("line_items[0]", ex.Param);
    }
}
