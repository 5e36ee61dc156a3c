import ArgumentParser
import Sandbox
print("wps")
