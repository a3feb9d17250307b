Console.WriteLine("TradingRobotPlug silo: runtime under construction.");
