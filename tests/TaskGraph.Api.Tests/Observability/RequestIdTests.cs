using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Observability;

public sealed class RequestIdTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Theory]
    [InlineData("abc-123")]
    [InlineData("A.b_C-9")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567")]
    public async Task A_valid_incoming_request_id_round_trips_into_the_header_and_problem_body(string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/me");
        request.Headers.Add("X-Request-ID", id);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(id, response.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal(id, (await response.AssertProblemAsync(System.Net.HttpStatusCode.Unauthorized)).RequestId);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task An_invalid_request_id_is_replaced_by_a_new_one(string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("X-Request-ID", id);

        var response = await factory.CreateClient().SendAsync(request);

        var echoed = response.Headers.GetValues("X-Request-ID").Single();
        Assert.NotEqual(id, echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/v1/tasks/external-joke")]
    [InlineData("/does-not-exist")]
    public async Task Every_response_carries_a_request_id(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-ID").Single());
    }
}
