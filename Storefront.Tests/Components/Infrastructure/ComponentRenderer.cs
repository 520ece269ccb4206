using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Components.Infrastructure;

/// <summary>
/// Renders a Razor component to HTML with the framework's own HtmlRenderer (what static rendering in pages uses)
/// and parses it with AngleSharp so tests can query the DOM. bUnit does not run on this toolchain.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });

        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content($"<!DOCTYPE html><html><body>{html}</body></html>"));
    }

    public static string Text(this IDocument document, string selector) =>
        (document.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}' in:\n{document.Body?.InnerHtml}"))
        .TextContent.Trim();
}
