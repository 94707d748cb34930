"""The speed machinery of a build, kept in one layer behind one object.

Forking a second process, the page and record caches, salted pickles, the
site folder kept between builds and the heap freezing all live here.
Domain and output modules never import this package: the engine adapter
hands them what they need (a map function, a kept file, a cache).
"""
