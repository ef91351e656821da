#include <cstdio>
int main() { std::puts("lightmesh"); return 0; }
