using Storefront.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorefront();

var app = builder.Build();
await app.InitialiseDatabaseAsync();
app.UseStorefront();
app.Run();

/// <summary>Entry point; public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
