package io.forecast.api.archfixture.a;

import io.forecast.api.archfixture.b.B;

/** Test-only fixture for {@code ArchitectureTest}: A and B sit in two packages that import each other. */
public class A {
    B partner;
}
