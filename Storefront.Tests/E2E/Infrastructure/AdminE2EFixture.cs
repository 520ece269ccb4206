namespace Storefront.Tests.E2E.Infrastructure;

/// <summary>
/// A second app and browser for admin journeys: they change catalog and loyalty data, so they must not share an app
/// with the shopper tests of the "e2e" collection.
/// </summary>
public sealed class AdminE2EFixture : BrowserAppFixture;

[CollectionDefinition(Name)]
public sealed class AdminE2ECollection : ICollectionFixture<AdminE2EFixture>
{
    public const string Name = "e2e-admin";
}

/// <summary>Browser tests on the admin collection's own app.</summary>
[Collection(AdminE2ECollection.Name)]
public abstract class AdminE2ETest(AdminE2EFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : E2ETest<AdminE2EFixture>(fixture, output);
