using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Tests.Emulator;

namespace Storefront.Tests.Support;

/// <summary>The app (and its embedded emulator, which shares the clock) on a clock the test moves by hand.</summary>
public sealed class ClockedStorefrontAppFactory : StorefrontAppFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}
