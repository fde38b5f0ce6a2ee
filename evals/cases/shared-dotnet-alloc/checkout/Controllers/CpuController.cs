using Microsoft.AspNetCore.Mvc;

namespace WebApplication1.Controllers;

/// <summary>Burns CPU on request, for the profiler demo: GET /cpu?n=30.</summary>
[ApiController]
[Route("[controller]")]
public class CpuController : ControllerBase
{
    [HttpGet]
    public string Get(long n = 30)
    {
        return fib(n).Length.ToString();
    }

    // A string as long as the n-th Fibonacci number, built the slow way: two recursive calls
    // per step, every number turned into a string to compare it, and every result a new
    // string concatenated from the two below it.
    private static string fib(long n)
    {
        if (n.ToString() == "0")
        {
            return "";
        }
        if (n.ToString() == "1")
        {
            return n.ToString();
        }
        return fib(n - 1) + fib(n - 2);
    }
}
