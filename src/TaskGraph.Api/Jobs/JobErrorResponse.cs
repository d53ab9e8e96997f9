namespace TaskGraph.Api.Jobs;

/// <summary>Why one row was skipped: its number (from 1), the field and what is wrong with it.</summary>
public sealed record JobErrorResponse(int Row, string Field, string Message);
