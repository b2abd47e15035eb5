namespace PaperGraph.Neo4j;

/// <summary>
/// A failure talking to Neo4j. <see cref="Code"/> is Neo4j's status code (<c>Neo.ClientError.Statement.SyntaxError</c>)
/// or a PaperGraph code for failures without one (<c>PaperGraph.Connection</c>, <c>PaperGraph.Timeout</c>,
/// <c>PaperGraph.Protocol</c>). Messages never contain credentials.
/// </summary>
public class Neo4jException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Neo4jException()
        : this("Neo4j request failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jException(string message)
        : this("PaperGraph.Unknown", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jException(string message, Exception innerException)
        : this("PaperGraph.Unknown", message, null, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jException(string code, string message, int? httpStatus = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>Neo4j status code, or a PaperGraph code.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? HttpStatus { get; }

    /// <summary>True when running the same request again may succeed.</summary>
    public virtual bool IsRetriable => false;
}

/// <summary><c>Neo.ClientError.*</c>: the request is wrong; retrying it gives the same error.</summary>
public class Neo4jClientException : Neo4jException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jClientException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jClientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jClientException(string code, string message, int? httpStatus = null, Exception? innerException = null)
        : base(code, message, httpStatus, innerException)
    {
    }
}

/// <summary><c>Neo.ClientError.Statement.SyntaxError</c> / <c>SemanticError</c>: the Cypher is invalid.</summary>
public sealed class Neo4jSyntaxException : Neo4jClientException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jSyntaxException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jSyntaxException(string code, string message, int? httpStatus = null)
        : base(code, message, httpStatus)
    {
    }
}

/// <summary><c>Neo.ClientError.Schema.ConstraintValidationFailed</c> and other schema errors.</summary>
public sealed class Neo4jConstraintException : Neo4jClientException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jConstraintException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jConstraintException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jConstraintException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jConstraintException(string code, string message, int? httpStatus = null)
        : base(code, message, httpStatus)
    {
    }
}

/// <summary><c>Neo.ClientError.Security.*</c> or HTTP 401/403: wrong, missing or insufficient credentials.</summary>
public sealed class Neo4jAuthenticationException : Neo4jClientException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jAuthenticationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jAuthenticationException(string code, string message, int? httpStatus = null)
        : base(code, message, httpStatus)
    {
    }
}

/// <summary><c>Neo.ClientError.Database.DatabaseNotFound</c>: the database name is wrong.</summary>
public sealed class Neo4jDatabaseNotFoundException : Neo4jClientException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jDatabaseNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jDatabaseNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jDatabaseNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jDatabaseNotFoundException(string code, string message, int? httpStatus = null)
        : base(code, message, httpStatus)
    {
    }
}

/// <summary>
/// <c>Neo.TransientError.*</c> (deadlock, leader switch, memory pressure), a connection failure, a per-request
/// timeout, or an HTTP 502/503/504: running the same request again may succeed.
/// </summary>
public sealed class Neo4jTransientException : Neo4jException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jTransientException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jTransientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jTransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jTransientException(string code, string message, int? httpStatus = null, Exception? innerException = null)
        : base(code, message, httpStatus, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsRetriable => true;
}

/// <summary><c>Neo.DatabaseError.*</c>: the server failed; not retried.</summary>
public sealed class Neo4jDatabaseException : Neo4jException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jDatabaseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jDatabaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jDatabaseException(string code, string message, int? httpStatus = null)
        : base(code, message, httpStatus)
    {
    }
}

/// <summary>The answer is not what the Query API documents: not JSON, or an HTTP error without <c>errors[]</c>.</summary>
public sealed class Neo4jProtocolException : Neo4jException
{
    /// <summary>Creates the exception.</summary>
    public Neo4jProtocolException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public Neo4jProtocolException(string code, string message, int? httpStatus = null, Exception? innerException = null)
        : base(code, message, httpStatus, innerException)
    {
    }
}
